// kgen:header
namespace kgen.templates.csharp.runtime
{
    using global::System;

    /// <summary>
    /// A request that got no complete answer: refused, reset, TLS failed, or the per-attempt deadline
    /// passed. A write may or may not have been carried out.
    /// </summary>
    public class ConnectionException : KubeException
    {
        /// <summary>A failure described by <paramref name="message"/>.</summary>
        public ConnectionException(string message)
            : base(message)
        {
        }

        /// <summary>A failure described by <paramref name="message"/>, caused by <paramref name="innerException"/>.</summary>
        public ConnectionException(string message, Exception innerException)
            : base(message, innerException)
        {
        }
    }
}
