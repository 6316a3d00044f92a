// kgen:header
namespace kgen.templates.csharp.runtime
{
    using global::System.Collections.Generic;

    /// <summary>429: the server is throttling, and the client's retries ran out.</summary>
    public class TooManyRequestsException : ApiException
    {
        /// <summary>The failure of <paramref name="method"/> <paramref name="url"/>, answered with <paramref name="code"/> and <paramref name="status"/>.</summary>
        public TooManyRequestsException(int code, ApiStatus status, string method, string url, IList<string> warnings)
            : base(code, status, method, url, warnings)
        {
        }
    }
}
