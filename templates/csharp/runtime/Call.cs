// kgen:header
namespace kgen.templates.csharp.runtime
{
    using global::System;
    using global::System.Collections;
    using global::System.Collections.Generic;
    using global::System.Globalization;
    using global::System.Text;

    /// <summary>
    /// One request, built by a generated method: its method, path (template filled with
    /// percent-encoded arguments), query, headers and body. A path argument that would address
    /// more than one object is refused here, before anything is sent; the body is encoded when
    /// it is set.
    /// </summary>
    public sealed class Call
    {
        private readonly string pathTemplate;
        private readonly Dictionary<string, string> pathValues = new Dictionary<string, string>();
        private readonly List<KeyValuePair<string, string>> query = new List<KeyValuePair<string, string>>();
        private readonly List<KeyValuePair<string, string>> form = new List<KeyValuePair<string, string>>();
        private readonly List<KeyValuePair<string, string>> headers = new List<KeyValuePair<string, string>>();
        private byte[] body;
        private string contentType;

        private Call(string method, string pathTemplate)
        {
            Method = method;
            this.pathTemplate = pathTemplate;
        }

        /// <summary>
        /// A call of <paramref name="method"/> on <paramref name="pathTemplate"/> (the document's
        /// path, base path prefixed, with {name} placeholders).
        /// </summary>
        public static Call Of(string method, string pathTemplate)
        {
            if (method == null)
            {
                throw new ArgumentNullException("method");
            }
            if (pathTemplate == null)
            {
                throw new ArgumentNullException("pathTemplate");
            }
            return new Call(method.ToUpperInvariant(), pathTemplate);
        }

        /// <summary>The HTTP method.</summary>
        public string Method { get; }

        /// <summary>
        /// Fills the placeholder {name}; refuses null, "", ".", "..", and values holding "/" or
        /// "%2F" (<see cref="InvalidPathArgumentException"/>). Booleans and numbers are written
        /// in the invariant culture.
        /// </summary>
        public Call Path(string name, object value)
        {
            string text = value == null ? null : Text(value);
            if (text == null
                || text.Length == 0
                || text == "."
                || text == ".."
                || text.IndexOf('/') >= 0
                || text.IndexOf("%2f", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                throw new InvalidPathArgumentException(name, text);
            }
            pathValues[name] = text;
            return this;
        }

        /// <summary>
        /// Adds a query parameter: null is omitted, a sequence (not a string) is one pair per
        /// item, booleans and numbers are written in the invariant culture.
        /// </summary>
        public Call Query(string name, object value)
        {
            Add(query, name, value);
            return this;
        }

        /// <summary>
        /// Adds a form parameter, sent in an application/x-www-form-urlencoded body when the call
        /// has no other body: null is omitted, a sequence is one pair per item, bytes are sent as
        /// their UTF-8 text.
        /// </summary>
        public Call Form(string name, object value)
        {
            Add(form, name, value);
            return this;
        }

        /// <summary>Sets a header (replacing one of the same name); null is omitted.</summary>
        public Call Header(string name, object value)
        {
            if (value != null)
            {
                headers.RemoveAll(pair => string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase));
                headers.Add(new KeyValuePair<string, string>(name, Text(value)));
            }
            return this;
        }

        /// <summary>A JSON body (application/json); a null body is none.</summary>
        public Call Body<T>(T body, IJsonCodec<T> codec)
        {
            return Body(body, codec, "application/json");
        }

        /// <summary>
        /// A body sent with <paramref name="contentType"/> (a patch type, or
        /// application/apply-patch+yaml, whose YAML may be JSON); a null body is none.
        /// </summary>
        public Call Body<T>(T body, IJsonCodec<T> codec, string contentType)
        {
            this.body = body == null ? null : Json.EncodeUtf8(body, codec);
            this.contentType = body == null ? null : contentType;
            return this;
        }

        internal IList<KeyValuePair<string, string>> Headers
        {
            get { return headers; }
        }

        /// <summary>The encoded body (the form parameters' when no other is set), or null.</summary>
        internal byte[] Content
        {
            get
            {
                if (body == null && form.Count > 0)
                {
                    return Encoding.ASCII.GetBytes(Urlencoded(form));
                }
                return body;
            }
        }

        /// <summary>The body's content type, or null without a body.</summary>
        internal string ContentType
        {
            get { return body == null && form.Count > 0 ? "application/x-www-form-urlencoded" : contentType; }
        }

        /// <summary>The first value of the query parameter <paramref name="name"/>, or null.</summary>
        internal string QueryValue(string name)
        {
            foreach (KeyValuePair<string, string> pair in query)
            {
                if (pair.Key == name)
                {
                    return pair.Value;
                }
            }
            return null;
        }

        /// <summary>The path and query to append to the server's URL: placeholders filled, every piece percent-encoded.</summary>
        internal string Target()
        {
            return Target(new List<KeyValuePair<string, string>>());
        }

        /// <summary>
        /// The target with the query parameters <paramref name="replaced"/> names dropped and,
        /// where their value is not null, set anew at the end (a watch's watch, resourceVersion
        /// and bookmarks).
        /// </summary>
        internal string Target(IList<KeyValuePair<string, string>> replaced)
        {
            StringBuilder text = new StringBuilder();
            int at = 0;
            while (at < pathTemplate.Length)
            {
                int open = pathTemplate.IndexOf('{', at);
                int close = open < 0 ? -1 : pathTemplate.IndexOf('}', open);
                int reopen = open < 0 ? -1 : pathTemplate.IndexOf('{', open + 1);
                if (open < 0 || close < 0)
                {
                    AppendText(text, pathTemplate.Substring(at));
                    break;
                }
                if (reopen >= 0 && reopen < close)
                {
                    // "{" before any "}": the first brace is text
                    AppendText(text, pathTemplate.Substring(at, reopen - at));
                    at = reopen;
                    continue;
                }
                AppendText(text, pathTemplate.Substring(at, open - at));
                string name = pathTemplate.Substring(open + 1, close - open - 1);
                string value;
                if (!pathValues.TryGetValue(name, out value))
                {
                    throw new InvalidPathArgumentException(name, null);
                }
                text.Append(Escape(value, false));
                at = close + 1;
            }
            List<KeyValuePair<string, string>> pairs = new List<KeyValuePair<string, string>>();
            foreach (KeyValuePair<string, string> pair in query)
            {
                bool dropped = false;
                foreach (KeyValuePair<string, string> replacement in replaced)
                {
                    dropped |= replacement.Key == pair.Key;
                }
                if (!dropped)
                {
                    pairs.Add(pair);
                }
            }
            foreach (KeyValuePair<string, string> replacement in replaced)
            {
                if (replacement.Value != null)
                {
                    pairs.Add(replacement);
                }
            }
            if (pairs.Count > 0)
            {
                text.Append('?').Append(Urlencoded(pairs));
            }
            return text.ToString();
        }

        /// <summary>
        /// A list parameter sent as one value, its items joined by `separator` as the document's collection
        /// format says (csv, ssv, tsv, pipes); null stays null (not sent), null items are left out.
        /// </summary>
        public static string Joined(IEnumerable values, string separator)
        {
            if (values == null)
            {
                return null;
            }
            List<string> texts = new List<string>();
            foreach (object item in values)
            {
                if (item != null)
                {
                    texts.Add(Text(item));
                }
            }
            return string.Join(separator, texts);
        }

        private static void Add(List<KeyValuePair<string, string>> pairs, string name, object value)
        {
            IEnumerable items = value as IEnumerable;
            if (value is string || value is byte[] || items == null)
            {
                if (value != null)
                {
                    pairs.Add(new KeyValuePair<string, string>(name, Text(value)));
                }
                return;
            }
            foreach (object item in items)
            {
                Add(pairs, name, item);
            }
        }

        /// <summary>Name=value pairs joined by "&amp;", each side percent-encoded: a query string or a form body.</summary>
        private static string Urlencoded(IEnumerable<KeyValuePair<string, string>> pairs)
        {
            StringBuilder text = new StringBuilder();
            foreach (KeyValuePair<string, string> pair in pairs)
            {
                text.Append(text.Length == 0 ? "" : "&").Append(Escape(pair.Key, true));
                text.Append('=').Append(Escape(pair.Value, true));
            }
            return text.ToString();
        }

        /// <summary>Template text: each segment escaped, its slashes kept.</summary>
        private static void AppendText(StringBuilder text, string template)
        {
            string[] segments = template.Split('/');
            for (int i = 0; i < segments.Length; i++)
            {
                text.Append(i == 0 ? "" : "/").Append(Escape(segments[i], false));
            }
        }

        /// <summary>
        /// Percent-encodes UTF-8 bytes but the unreserved ones (and, in a path segment,
        /// sub-delimiters that are safe there).
        /// </summary>
        internal static string Escape(string text, bool inQuery)
        {
            const string Hex = "0123456789ABCDEF";
            StringBuilder escaped = new StringBuilder(text.Length);
            foreach (byte b in Encoding.UTF8.GetBytes(text))
            {
                char c = (char)b;
                bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".IndexOf(c) >= 0;
                if (unreserved || (!inQuery && ":@!$&'()*+=".IndexOf(c) >= 0))
                {
                    escaped.Append(c);
                }
                else
                {
                    escaped.Append('%').Append(Hex[b >> 4]).Append(Hex[b & 15]);
                }
            }
            return escaped.ToString();
        }

        /// <summary>
        /// A path, query, form or header value as text: booleans as true/false, numbers in the
        /// invariant culture (a whole double without ".0"), bytes as UTF-8, others by ToString().
        /// </summary>
        private static string Text(object value)
        {
            if (value is bool)
            {
                return (bool)value ? "true" : "false";
            }
            if (value is double)
            {
                double d = (double)value;
                if (d == Math.Round(d) && Math.Abs(d) < 1e15)
                {
                    return ((long)d).ToString(CultureInfo.InvariantCulture);
                }
                return d.ToString("R", CultureInfo.InvariantCulture);
            }
            if (value is float)
            {
                return ((double)(float)value).ToString("R", CultureInfo.InvariantCulture);
            }
            byte[] bytes = value as byte[];
            if (bytes != null)
            {
                return Encoding.UTF8.GetString(bytes);
            }
            IFormattable formattable = value as IFormattable;
            if (formattable != null)
            {
                return formattable.ToString(null, CultureInfo.InvariantCulture);
            }
            return value.ToString();
        }
    }
}
