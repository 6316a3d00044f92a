// kgen:header
namespace kgen.templates.csharp.runtime
{
    using global::System;
    using global::System.Collections.Generic;
    using global::System.ComponentModel;
    using global::System.Diagnostics;
    using global::System.Globalization;
    using global::System.IO;
    using global::System.Runtime.InteropServices;
    using global::System.Text;
    using global::System.Text.RegularExpressions;
    using global::System.Threading.Tasks;

    /// <summary>Exec credential plugins (client.authentication.k8s.io/v1 and v1beta1), run without a shell.</summary>
    internal static class Exec
    {
        internal static readonly IList<string> ApiVersions = new List<string> { "client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1" }.AsReadOnly();

        private const int TimeoutSeconds = 120;
        private const int OutputLimit = 4 << 20;
        private const int StderrLines = 5;
        private const int StderrChars = 500;

        /// <summary>A line of a plugin's stderr that names a credential or holds a token-like run is not shown.</summary>
        private static readonly Regex SecretLine = new Regex(
            "token|secret|password|passwd|bearer|credential|authorization|private|[A-Za-z0-9+=_.~-]{24,}",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        /// <summary>A plugin's result: a token and/or a client certificate with its key (PEM), until Expires (null: until rejected).</summary>
        internal sealed class Result
        {
            internal Result(string token, byte[] certificate, byte[] key, DateTimeOffset? expires)
            {
                Token = token;
                Certificate = certificate;
                Key = key;
                Expires = expires;
            }

            internal string Token { get; }

            internal byte[] Certificate { get; }

            internal byte[] Key { get; }

            internal DateTimeOffset? Expires { get; }

            internal bool Expired
            {
                get { return Expires != null && DateTimeOffset.UtcNow >= Expires.Value; }
            }
        }

        /// <summary>Runs the plugin and reads its ExecCredential; ConfigException says why not.</summary>
        internal static Result Run(ExecConfig plugin)
        {
            string command = Strings.Quoted(plugin.Command);
            if (plugin.InteractiveMode == "Always")
            {
                throw new ConfigException("exec plugin " + command + " needs an interactive terminal (interactiveMode Always), and the client gives none");
            }
            ProcessStartInfo start = new ProcessStartInfo(plugin.Command, Arguments(plugin.Args));
            start.UseShellExecute = false;
            start.RedirectStandardInput = true;
            start.RedirectStandardOutput = true;
            start.RedirectStandardError = true;
            start.CreateNoWindow = true;
            start.EnvironmentVariables["KUBERNETES_EXEC_INFO"] = Info(plugin);
            foreach (KeyValuePair<string, string> variable in plugin.Env)
            {
                start.EnvironmentVariables[variable.Key] = variable.Value;
            }
            Process process;
            try
            {
                process = Process.Start(start);
            }
            catch (Win32Exception e)
            {
                throw new ConfigException("exec plugin " + command + " could not run: " + e.Message + (plugin.InstallHint.Length == 0 ? "" : "; " + plugin.InstallHint), e);
            }
            catch (InvalidOperationException e)
            {
                throw new ConfigException("exec plugin " + command + " could not run: " + e.Message, e);
            }
            using (process)
            {
                try
                {
                    process.StandardInput.Close();
                    Task<byte[]> stderr = Task.Run(() => Drain(process.StandardError.BaseStream));
                    Task<byte[]> stdout = Task.Run(() => Drain(process.StandardOutput.BaseStream));
                    if (!process.WaitForExit(TimeoutSeconds * 1000))
                    {
                        throw new ConfigException("exec plugin " + command + " did not finish within " + TimeoutSeconds + " s");
                    }
                    Task.WaitAll(stderr, stdout);
                    if (process.ExitCode != 0)
                    {
                        throw new ConfigException("exec plugin " + command + " failed with exit code " + process.ExitCode + ": " + ShownStderr(Encoding.UTF8.GetString(stderr.Result)));
                    }
                    return Credential(plugin, stdout.Result);
                }
                finally
                {
                    try
                    {
                        if (!process.HasExited)
                        {
                            process.Kill();
                        }
                    }
                    catch (InvalidOperationException)
                    {
                        // it ended meanwhile
                    }
                }
            }
        }

        /// <summary>
        /// Mono on Unix splits ProcessStartInfo.Arguments with GLib's shell-like rules, where a
        /// backslash inside double quotes escapes \\, ", $, ` and a line break; .NET and Mono on
        /// Windows split it as CommandLineToArgvW does.
        /// </summary>
        private static readonly bool ShellRules = Type.GetType("Mono.Runtime") != null && Path.DirectorySeparatorChar == '/';

        /// <summary>The arguments as one command line that the runtime splits back into exactly them (no shell is involved).</summary>
        private static string Arguments(IList<string> args)
        {
            StringBuilder line = new StringBuilder();
            foreach (string arg in args)
            {
                if (line.Length > 0)
                {
                    line.Append(' ');
                }
                line.Append('"');
                if (ShellRules)
                {
                    foreach (char c in arg)
                    {
                        if (c == '\\' || c == '"' || c == '$' || c == '`')
                        {
                            line.Append('\\');
                        }
                        line.Append(c);
                    }
                    line.Append('"');
                    continue;
                }
                int backslashes = 0;
                foreach (char c in arg)
                {
                    if (c == '\\')
                    {
                        backslashes++;
                        continue;
                    }
                    if (c == '"')
                    {
                        line.Append('\\', backslashes * 2 + 1).Append('"');
                    }
                    else
                    {
                        line.Append('\\', backslashes).Append(c);
                    }
                    backslashes = 0;
                }
                line.Append('\\', backslashes * 2).Append('"');
            }
            return line.ToString();
        }

        /// <summary>KUBERNETES_EXEC_INFO: the ExecCredential the plugin is handed.</summary>
        private static string Info(ExecConfig plugin)
        {
            Dictionary<string, object> spec = new Dictionary<string, object>();
            spec["interactive"] = false;
            if (plugin.Cluster != null)
            {
                Dictionary<string, object> cluster = new Dictionary<string, object>();
                foreach (KeyValuePair<string, string> entry in plugin.Cluster)
                {
                    cluster[entry.Key] = entry.Value;
                }
                spec["cluster"] = cluster;
            }
            Dictionary<string, object> credential = new Dictionary<string, object>();
            credential["apiVersion"] = plugin.ApiVersion;
            credential["kind"] = "ExecCredential";
            credential["spec"] = spec;
            return JsonValues.Text(credential);
        }

        /// <summary>All of a stream, up to OutputLimit bytes (a plugin has no reason to print more).</summary>
        private static byte[] Drain(Stream stream)
        {
            MemoryStream kept = new MemoryStream();
            byte[] step = new byte[8192];
            try
            {
                int n;
                while ((n = stream.Read(step, 0, step.Length)) > 0)
                {
                    if (kept.Length + n <= OutputLimit)
                    {
                        kept.Write(step, 0, n);
                    }
                }
            }
            catch (IOException)
            {
                // the process ended: what was read is what it printed
            }
            return kept.ToArray();
        }

        internal static Result Credential(ExecConfig plugin, byte[] stdout)
        {
            string command = Strings.Quoted(plugin.Command);
            object credential;
            try
            {
                credential = JsonValues.Parse(stdout);
            }
            catch (DecodeException)
            {
                throw new ConfigException("exec plugin " + command + " did not print an ExecCredential");
            }
            object status = JsonValues.Member(credential, "status");
            if (!(status is IDictionary<string, object>))
            {
                throw new ConfigException("exec plugin " + command + " did not print an ExecCredential");
            }
            string apiVersion = JsonValues.String(credential, "apiVersion");
            if (apiVersion != plugin.ApiVersion)
            {
                throw new ConfigException("exec plugin " + command + " answered apiVersion " + Strings.Quoted(apiVersion) + ", not " + Strings.Quoted(plugin.ApiVersion));
            }
            string token = JsonValues.String(status, "token");
            string certificate = JsonValues.String(status, "clientCertificateData");
            string key = JsonValues.String(status, "clientKeyData");
            bool pair = certificate.Length > 0 && key.Length > 0;
            if (token.Length == 0 && !pair)
            {
                throw new ConfigException("exec plugin " + command + " returned neither a token nor a client certificate");
            }
            string expiration = JsonValues.String(status, "expirationTimestamp");
            DateTimeOffset? expires = null;
            if (expiration.Length > 0)
            {
                DateTimeOffset parsed;
                if (!DateTimeOffset.TryParse(expiration, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out parsed))
                {
                    throw new ConfigException("exec plugin " + command + " returned an expirationTimestamp that is not RFC 3339");
                }
                expires = parsed;
            }
            return new Result(
                token,
                pair ? Encoding.UTF8.GetBytes(certificate) : null,
                pair ? Encoding.UTF8.GetBytes(key) : null,
                expires);
        }

        /// <summary>The end of a plugin's stderr as errors show it: its last lines, without any that may hold a secret.</summary>
        internal static string ShownStderr(string stderr)
        {
            List<string> lines = new List<string>();
            foreach (string line in stderr.Trim().Split('\n'))
            {
                string trimmed = line.TrimEnd();
                if (trimmed.Length > 0)
                {
                    lines.Add(SecretLine.IsMatch(trimmed) ? "[redacted]" : trimmed);
                }
            }
            List<string> last = lines.GetRange(Math.Max(0, lines.Count - StderrLines), Math.Min(lines.Count, StderrLines));
            string shown = string.Join(" | ", last);
            if (shown.Length > StderrChars)
            {
                shown = shown.Substring(shown.Length - StderrChars);
            }
            return shown.Length == 0 ? "(no stderr)" : shown;
        }

        /// <summary>
        /// Whether an allowlist lets a command run: as the kubeconfig writes it, or the executable
        /// it resolves to (or its real path); a base name never matches a path.
        /// </summary>
        internal static bool Allowed(string written, string command, IList<string> allowlist)
        {
            if (allowlist.Contains(written))
            {
                return true;
            }
            string found = Resolve(command);
            if (found == null)
            {
                return false;
            }
            if (allowlist.Contains(found))
            {
                return true;
            }
            string real = RealPath(found);
            return real != null && allowlist.Contains(real);
        }

        [DllImport("libc", EntryPoint = "realpath")]
        private static extern IntPtr LibcRealPath(string path, IntPtr resolved);

        [DllImport("libc", EntryPoint = "free")]
        private static extern void LibcFree(IntPtr pointer);

        /// <summary>
        /// The path with every symbolic link resolved (libc's realpath: netstandard2.0 has no
        /// API for it); null where it fails or there is no libc, as on Windows.
        /// </summary>
        internal static string RealPath(string path)
        {
            try
            {
                IntPtr resolved = LibcRealPath(path, IntPtr.Zero);
                if (resolved == IntPtr.Zero)
                {
                    return null;
                }
                try
                {
                    return Marshal.PtrToStringAnsi(resolved);
                }
                finally
                {
                    LibcFree(resolved);
                }
            }
            catch (DllNotFoundException)
            {
                return null;
            }
            catch (EntryPointNotFoundException)
            {
                return null;
            }
        }

        /// <summary>The executable a command names: a path as it is, a name found on PATH; null when there is none.</summary>
        internal static string Resolve(string command)
        {
            if (command.IndexOf('/') >= 0 || command.IndexOf(Path.DirectorySeparatorChar) >= 0)
            {
                string path = Path.GetFullPath(command);
                return File.Exists(path) ? path : null;
            }
            string searched = Environment.GetEnvironmentVariable("PATH") ?? "";
            foreach (string directory in searched.Split(Path.PathSeparator))
            {
                if (directory.Length > 0)
                {
                    string candidate = Path.GetFullPath(Path.Combine(directory, command));
                    if (File.Exists(candidate))
                    {
                        return candidate;
                    }
                }
            }
            return null;
        }
    }
}
