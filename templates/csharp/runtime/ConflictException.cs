// kgen:header
namespace kgen.templates.csharp.runtime
{
    using global::System.Collections.Generic;

    /// <summary>409: the object changed since it was read (its resourceVersion is stale); read it again and retry.</summary>
    public class ConflictException : ApiException
    {
        /// <summary>The failure of <paramref name="method"/> <paramref name="url"/>, answered with <paramref name="code"/> and <paramref name="status"/>.</summary>
        public ConflictException(int code, ApiStatus status, string method, string url, IList<string> warnings)
            : base(code, status, method, url, warnings)
        {
        }
    }
}
