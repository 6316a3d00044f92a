// kgen:header
namespace kgen.templates.csharp.runtime
{
    using global::System;

    /// <summary>
    /// A response past one of the client's limits (Config.MaxResponseBytes, MaxDecompressedBytes,
    /// MaxWatchLineBytes); reading stopped there, and the connection was closed.
    /// </summary>
    public class ResponseTooLargeException : KubeException
    {
        /// <summary><paramref name="what"/> is "the response", "the decompressed response", "Content-Length" or "a watch event".</summary>
        public ResponseTooLargeException(string what, long limit, string method, string url)
            : base(what + " exceeds the client's limit of " + limit + " bytes (" + method + " " + url + ")")
        {
            What = what;
            Limit = limit;
        }

        /// <summary>What went past the limit.</summary>
        public string What { get; }

        /// <summary>The limit, in bytes.</summary>
        public long Limit { get; }
    }
}
