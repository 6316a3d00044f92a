// kgen:header
namespace kgen.templates.csharp.runtime
{
    using global::System.Collections.Generic;

    /// <summary>5xx: the server (or a proxy in front of it) failed.</summary>
    public class ServerException : ApiException
    {
        /// <summary>The failure of <paramref name="method"/> <paramref name="url"/>, answered with <paramref name="code"/> and <paramref name="status"/>.</summary>
        public ServerException(int code, ApiStatus status, string method, string url, IList<string> warnings)
            : base(code, status, method, url, warnings)
        {
        }
    }
}
