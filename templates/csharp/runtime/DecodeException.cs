// kgen:header
namespace kgen.templates.csharp.runtime
{
    using global::System;

    /// <summary>
    /// A body that does not fit the type it decodes into (or is not JSON, or breaks the reader's
    /// limits). The server did act: a write answered so was carried out.
    /// </summary>
    public class DecodeException : KubeException
    {
        /// <summary>A failure described by <paramref name="message"/>.</summary>
        public DecodeException(string message)
            : base(message)
        {
        }

        /// <summary>A failure described by <paramref name="message"/>, caused by <paramref name="innerException"/>.</summary>
        public DecodeException(string message, Exception innerException)
            : base(message, innerException)
        {
        }
    }
}
