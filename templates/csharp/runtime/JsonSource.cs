// kgen:header
namespace kgen.templates.csharp.runtime
{
    using global::System;
    using global::System.Collections.Generic;
    using global::System.Globalization;
    using global::System.IO;
    using global::System.Numerics;
    using global::Newtonsoft.Json;

    /// <summary>
    /// A strict JSON reader over a whole text in memory that knows each number token's exact
    /// spelling (<c>1.50e3</c>, <c>-0</c>), which Newtonsoft's parsed values lose. It refuses
    /// what Newtonsoft tolerates but JSON forbids: comments, single-quoted strings, unquoted
    /// names, NaN and the like; and numbers longer than <see cref="Json.MaxNumberLength"/>. A
    /// number Newtonsoft cannot parse (1e400) is kept too: see <see cref="Parseable"/>.
    /// </summary>
    internal sealed class JsonSource : JsonTextReader
    {
        private readonly string text;
        private readonly List<int> lineStarts = new List<int>();
        private string token;

        internal JsonSource(string text)
            : base(new StringReader(Parseable(text)))
        {
            this.text = text;
            DateParseHandling = DateParseHandling.None;
            // Double, not Decimal: decimal refuses every number past 7.9e28; the value is
            // never used, the exact token is.
            FloatParseHandling = FloatParseHandling.Double;
            MaxDepth = Json.MaxDepth;
            // lines as Newtonsoft counts them: after "\n", "\r\n" or a lone "\r"
            lineStarts.Add(0);
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '\n' || (c == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')))
                {
                    lineStarts.Add(i + 1);
                }
            }
        }

        /// <summary>The exact text of the number token the reader is on.</summary>
        internal string NumberToken
        {
            get { return token; }
        }

        /// <inheritdoc/>
        public override bool Read()
        {
            bool read = base.Read();
            token = null;
            if (!read)
            {
                return false;
            }
            switch (TokenType)
            {
                case JsonToken.Integer:
                case JsonToken.Float:
                    token = Exact();
                    break;
                case JsonToken.String:
                case JsonToken.PropertyName:
                    if (QuoteChar != '"')
                    {
                        throw Refuse("a string or member name not in double quotes");
                    }
                    break;
                case JsonToken.StartObject:
                case JsonToken.StartArray:
                case JsonToken.EndObject:
                case JsonToken.EndArray:
                case JsonToken.Boolean:
                case JsonToken.Null:
                    break;
                default:
                    throw Refuse("a " + TokenType + " token, which JSON does not have");
            }
            return true;
        }

        private string Exact()
        {
            int line = LineNumber - 1;
            if (line < 0 || line >= lineStarts.Count)
            {
                throw Refuse("a number whose position is unknown");
            }
            // LinePosition is the column just after the token; Newtonsoft 6 counts columns past
            // the first line from the line break itself (one more), later versions from the
            // line's first character. A number is never followed by a number character, so the
            // right end is the one just after a number character.
            int end = Math.Min(lineStarts[line] + LinePosition, text.Length);
            if (line > 0 && (end == 0 || !IsNumberChar(text[end - 1])))
            {
                end--;
            }
            int start = end;
            while (start > 0 && IsNumberChar(text[start - 1]))
            {
                start--;
            }
            string exact = text.Substring(start, end - start);
            if (exact.Length > Json.MaxNumberLength)
            {
                throw Refuse("a number longer than " + Json.MaxNumberLength + " characters");
            }
            if (!JsonNumber.IsToken(exact))
            {
                throw Refuse("a number that is not JSON (" + Strings.Quoted(exact) + ")");
            }
            return exact;
        }

        /// <summary>
        /// The text Newtonsoft is given: <paramref name="text"/> with each number it cannot parse
        /// (beyond double's range, such as 1e400, or an integer of hundreds of digits) replaced by
        /// a float zero of the same length (<c>0.000</c>), so that every position stays the same
        /// and the exact token is still read from the original text.
        /// </summary>
        private static string Parseable(string text)
        {
            char[] changed = null;
            bool inString = false;
            int i = 0;
            while (i < text.Length)
            {
                char c = text[i];
                if (inString)
                {
                    if (c == '\\')
                    {
                        i += 2;
                        continue;
                    }
                    inString = c != '"';
                    i++;
                    continue;
                }
                if (c == '"')
                {
                    inString = true;
                    i++;
                    continue;
                }
                if (c != '-' && (c < '0' || c > '9'))
                {
                    i++;
                    continue;
                }
                int start = i;
                while (i < text.Length && IsNumberChar(text[i]))
                {
                    i++;
                }
                int length = i - start;
                if (length >= 3 && !Parses(text.Substring(start, length)))
                {
                    if (changed == null)
                    {
                        changed = text.ToCharArray();
                    }
                    changed[start] = '0';
                    changed[start + 1] = '.';
                    for (int j = start + 2; j < i; j++)
                    {
                        changed[j] = '0';
                    }
                }
            }
            return changed == null ? text : new string(changed);
        }

        /// <summary>Whether Newtonsoft parses a number token: a finite double, and an integer of at most 300 digits.</summary>
        private static bool Parses(string token)
        {
            if (token.Length > 300 && token.IndexOfAny(new[] { '.', 'e', 'E' }) < 0)
            {
                return false;
            }
            double value;
            return !JsonNumber.IsToken(token)
                || (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && !double.IsInfinity(value));
        }

        private static bool IsNumberChar(char c)
        {
            return (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.' || c == 'e' || c == 'E';
        }

        private DecodeException Refuse(string what)
        {
            return new DecodeException(what + " at " + Json.Where(this) + ", line " + LineNumber + ", position " + LinePosition);
        }

        /// <summary>
        /// The exact token of the number any reader is on: a <see cref="JsonSource"/>'s own, else
        /// the parsed value spelled in the invariant culture.
        /// </summary>
        internal static string Number(JsonReader reader)
        {
            JsonSource source = reader as JsonSource;
            if (source != null && source.token != null)
            {
                return source.token;
            }
            object value = reader.Value;
            if (value is double)
            {
                return ((double)value).ToString("R", CultureInfo.InvariantCulture);
            }
            if (value is float)
            {
                return ((float)value).ToString("R", CultureInfo.InvariantCulture);
            }
            if (value is BigInteger)
            {
                return ((BigInteger)value).ToString(CultureInfo.InvariantCulture);
            }
            IFormattable formattable = value as IFormattable;
            if (formattable != null)
            {
                return formattable.ToString(null, CultureInfo.InvariantCulture);
            }
            throw new DecodeException("expected a number at " + Json.Where(reader));
        }
    }
}
