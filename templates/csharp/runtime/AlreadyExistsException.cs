// kgen:header
namespace kgen.templates.csharp.runtime
{
    using global::System.Collections.Generic;

    /// <summary>409 with reason AlreadyExists: an object of that name exists already.</summary>
    public class AlreadyExistsException : ConflictException
    {
        /// <summary>The failure of <paramref name="method"/> <paramref name="url"/>, answered with <paramref name="code"/> and <paramref name="status"/>.</summary>
        public AlreadyExistsException(int code, ApiStatus status, string method, string url, IList<string> warnings)
            : base(code, status, method, url, warnings)
        {
        }
    }
}
