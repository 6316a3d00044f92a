// kgen:header
namespace kgen.templates.csharp.runtime
{
    using global::System;

    /// <summary>URLs as messages show them: without credentials.</summary>
    internal static class Urls
    {
        /// <summary>A URL without the password of its user information (replaced by ***).</summary>
        internal static string Redacted(string url)
        {
            if (url == null)
            {
                return "null";
            }
            Uri uri;
            if (!Uri.TryCreate(url, UriKind.Absolute, out uri))
            {
                // it may hold a password the parser could not find
                return "(a server URL that does not parse)";
            }
            int scheme = url.IndexOf("://", StringComparison.Ordinal);
            int at = scheme < 0 ? -1 : url.IndexOf('@', scheme + 3);
            int slash = scheme < 0 ? -1 : url.IndexOf('/', scheme + 3);
            if (at < 0 || (slash >= 0 && slash < at))
            {
                return url;
            }
            string user = url.Substring(scheme + 3, at - scheme - 3);
            int colon = user.IndexOf(':');
            if (colon < 0)
            {
                return url;
            }
            return url.Substring(0, scheme + 3) + user.Substring(0, colon) + ":***" + url.Substring(at);
        }
    }
}
