// kgen:header
namespace kgen.templates.csharp.runtime
{
    using global::System;

    /// <summary>Every failure the client reports, so that one catch can cover them all.</summary>
    public class KubeException : Exception
    {
        /// <summary>A failure described by <paramref name="message"/>.</summary>
        public KubeException(string message)
            : base(message)
        {
        }

        /// <summary>A failure described by <paramref name="message"/>, caused by <paramref name="innerException"/>.</summary>
        public KubeException(string message, Exception innerException)
            : base(message, innerException)
        {
        }
    }
}
