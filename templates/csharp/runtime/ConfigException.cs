// kgen:header
namespace kgen.templates.csharp.runtime
{
    using global::System;

    /// <summary>
    /// A configuration that cannot work: no server, an unreadable file or certificate, a kubeconfig
    /// that does not parse, an exec plugin that failed. Nothing was sent.
    /// </summary>
    public class ConfigException : KubeException
    {
        /// <summary>A failure described by <paramref name="message"/>.</summary>
        public ConfigException(string message)
            : base(message)
        {
        }

        /// <summary>A failure described by <paramref name="message"/>, caused by <paramref name="innerException"/>.</summary>
        public ConfigException(string message, Exception innerException)
            : base(message, innerException)
        {
        }
    }
}
