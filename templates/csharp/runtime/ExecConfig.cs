// kgen:header
namespace kgen.templates.csharp.runtime
{
    using global::System;
    using global::System.Collections.Generic;

    /// <summary>
    /// A kubeconfig user's exec credential plugin: a program run without a shell whose
    /// ExecCredential output gives a token or a client certificate, kept until its
    /// expirationTimestamp or until the server rejects it.
    /// </summary>
    public sealed class ExecConfig
    {
        /// <summary>A plugin; <paramref name="cluster"/> (server, certificate-authority-data) is sent in KUBERNETES_EXEC_INFO when not null.</summary>
        public ExecConfig(string command, IList<string> args, IDictionary<string, string> env, string apiVersion, string interactiveMode, string installHint, IDictionary<string, string> cluster)
        {
            if (command == null)
            {
                throw new ArgumentNullException("command");
            }
            Command = command;
            Args = new List<string>(args ?? new string[0]).AsReadOnly();
            Env = new Dictionary<string, string>(env ?? new Dictionary<string, string>());
            ApiVersion = apiVersion ?? Exec.ApiVersions[0];
            InteractiveMode = interactiveMode ?? "IfAvailable";
            InstallHint = installHint ?? "";
            Cluster = cluster == null ? null : new Dictionary<string, string>(cluster);
        }

        /// <summary>The program: a path, or a name looked up on PATH.</summary>
        public string Command { get; }

        /// <summary>Its arguments.</summary>
        public IList<string> Args { get; }

        /// <summary>Variables added to the client's environment.</summary>
        public IDictionary<string, string> Env { get; }

        /// <summary>The client.authentication.k8s.io version it speaks (v1 or v1beta1).</summary>
        public string ApiVersion { get; }

        /// <summary>Never, IfAvailable or Always: whether it may read the terminal.</summary>
        public string InteractiveMode { get; }

        /// <summary>Shown when the command cannot run.</summary>
        public string InstallHint { get; }

        /// <summary>The cluster sent in KUBERNETES_EXEC_INFO (provideClusterInfo), or null.</summary>
        public IDictionary<string, string> Cluster { get; }

        /// <summary>The command, never the environment (it may hold secrets).</summary>
        public override string ToString()
        {
            return "ExecConfig{command=" + Command + "}";
        }
    }
}
