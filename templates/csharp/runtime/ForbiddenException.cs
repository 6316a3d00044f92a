// kgen:header
namespace kgen.templates.csharp.runtime
{
    using global::System.Collections.Generic;

    /// <summary>403: the credentials are valid but not allowed to do this.</summary>
    public class ForbiddenException : ApiException
    {
        /// <summary>The failure of <paramref name="method"/> <paramref name="url"/>, answered with <paramref name="code"/> and <paramref name="status"/>.</summary>
        public ForbiddenException(int code, ApiStatus status, string method, string url, IList<string> warnings)
            : base(code, status, method, url, warnings)
        {
        }
    }
}
