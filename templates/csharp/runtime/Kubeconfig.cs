// kgen:header
namespace kgen.templates.csharp.runtime
{
    using global::System;
    using global::System.Collections.Generic;
    using global::System.IO;
    using global::System.Text;

    /// <summary>
    /// Kubeconfig files read as kubectl reads them (YAML of <see cref="KubeconfigYaml"/>'s subset,
    /// or JSON) and merged as kubectl merges them: the first file to set current-context, or to
    /// name a cluster, user or context, wins; listed files that do not exist are skipped.
    /// Relative paths are relative to the file that holds them. Every error is a
    /// ConfigException naming the file and entry.
    /// </summary>
    public static class Kubeconfig
    {
        private const int MaxBytes = 64 << 20;

        /// <summary>
        /// The configuration of a context of kubeconfig files.
        /// </summary>
        /// <param name="paths">The files to merge (null or empty: the files KUBECONFIG lists, else ~/.kube/config).</param>
        /// <param name="context">The context (null or "": the files' current-context).</param>
        /// <param name="execAllowlist">
        /// When not null, the exec plugins that may run: a command matches when the kubeconfig
        /// writes it exactly so, or when it resolves to a listed full path; never by base name.
        /// </param>
        public static Config Load(IList<string> paths, string context, IList<string> execAllowlist)
        {
            bool explicitly = paths != null && paths.Count > 0;
            return Load(explicitly ? paths : DefaultPaths(), explicitly, context, execAllowlist);
        }

        /// <summary>
        /// The configuration of a context of the files a KUBECONFIG-style list names (separated
        /// by the platform's path separator; files that do not exist are skipped, as kubectl
        /// skips them).
        /// </summary>
        public static Config FromList(string list, string context, IList<string> execAllowlist)
        {
            return Load(Split(list ?? ""), false, context, execAllowlist);
        }

        /// <summary>Whether $KUBECONFIG or ~/.kube/config names a configuration to load.</summary>
        internal static bool Present()
        {
            string listed = Environment.GetEnvironmentVariable("KUBECONFIG");
            return !string.IsNullOrEmpty(listed) || File.Exists(HomeConfig());
        }

        internal static string HomeConfig()
        {
            string home = Environment.GetEnvironmentVariable("HOME");
            if (string.IsNullOrEmpty(home))
            {
                home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            }
            return Path.Combine(Path.Combine(home ?? "", ".kube"), "config");
        }

        private static IList<string> Split(string list)
        {
            List<string> paths = new List<string>();
            foreach (string path in list.Split(Path.PathSeparator))
            {
                if (path.Length > 0)
                {
                    paths.Add(path);
                }
            }
            return paths;
        }

        private static IList<string> DefaultPaths()
        {
            string listed = Environment.GetEnvironmentVariable("KUBECONFIG");
            if (!string.IsNullOrEmpty(listed))
            {
                return Split(listed);
            }
            return new List<string> { HomeConfig() };
        }

        private static Config Load(IList<string> files, bool explicitly, string context, IList<string> execAllowlist)
        {
            Merged merged = new Merged();
            foreach (string file in files)
            {
                merged.Read(file, explicitly);
            }
            string where = string.Join(", ", files);
            string name = string.IsNullOrEmpty(context) ? merged.Current : context;
            if (name.Length == 0)
            {
                throw new ConfigException("no context given and no current-context set in " + where);
            }
            Entry ctx = Lookup(merged.Contexts, "context", name, where);
            Entry cluster = Lookup(merged.Clusters, "cluster", ctx.String("cluster"), where);
            string server = cluster.String("server");
            if (server.Length == 0)
            {
                throw new ConfigException(cluster.Where + " has no server");
            }
            Config config = new Config
            {
                Server = server,
                Namespace = ctx.String("namespace"),
                InsecureSkipTlsVerify = cluster.Flag("insecure-skip-tls-verify"),
                TlsServerName = OrNull(cluster.String("tls-server-name")),
                ProxyUrl = OrNull(cluster.String("proxy-url")),
                CaData = cluster.Data("certificate-authority"),
            };
            string user = ctx.String("user");
            if (user.Length > 0)
            {
                AddUser(config, Lookup(merged.Users, "user", user, where), cluster, execAllowlist);
            }
            return config;
        }

        private static Entry Lookup(Dictionary<string, Entry> entries, string kind, string name, string where)
        {
            Entry found;
            if (!entries.TryGetValue(name, out found))
            {
                throw new ConfigException(kind + " " + Strings.Quoted(name) + " not found in " + where);
            }
            return found;
        }

        /// <summary>Sets the user's credentials; what cannot work is an error naming the user now, not at the first request.</summary>
        private static void AddUser(Config config, Entry user, Entry cluster, IList<string> allowlist)
        {
            config.ClientCertificateData = user.Data("client-certificate");
            config.ClientKeyData = user.Data("client-key");
            string token = user.String("token");
            string tokenFile = user.String("tokenFile");
            IDictionary<string, object> exec = user.Value.ContainsKey("exec") ? user.Value["exec"] as IDictionary<string, object> : null;
            IDictionary<string, object> provider = user.Value.ContainsKey("auth-provider") ? user.Value["auth-provider"] as IDictionary<string, object> : null;
            if (token.Length > 0)
            {
                Credentials.Bearer(token, user.Where);
                config.BearerToken = token;
            }
            else if (tokenFile.Length > 0)
            {
                string path = user.PathOf(tokenFile);
                if (!File.Exists(path))
                {
                    throw new ConfigException(user.Where + ": tokenFile " + path + " does not exist");
                }
                config.TokenFile = path;
            }
            else if (exec != null)
            {
                config.Exec = ExecConfigOf(new Entry(exec, user.File, user.Where), cluster, allowlist);
            }
            else if (user.String("username").Length > 0 && user.String("password").Length > 0)
            {
                config.Username = user.String("username");
                config.Password = user.String("password");
            }
            else if (provider != null)
            {
                object providerName;
                provider.TryGetValue("name", out providerName);
                throw new ConfigException(user.Where + ": auth-provider " + Strings.Quoted(Convert.ToString(providerName) ?? "") + " is not supported: use an exec plugin instead");
            }
        }

        private static ExecConfig ExecConfigOf(Entry exec, Entry cluster, IList<string> allowlist)
        {
            string written = exec.String("command");
            if (written.Length == 0)
            {
                throw new ConfigException(exec.Where + ": exec plugin without a command");
            }
            // A command with a slash is relative to the kubeconfig file, as kubectl has it; a name
            // is looked up on PATH.
            string command = written.IndexOf('/') >= 0 || written.IndexOf(Path.DirectorySeparatorChar) >= 0 ? exec.PathOf(written) : written;
            if (allowlist != null && !Exec.Allowed(written, command, allowlist))
            {
                throw new ConfigException(exec.Where + ": exec plugin " + Strings.Quoted(written) + " is not in the allowlist (list the command as the kubeconfig writes it, or its full path)");
            }
            string apiVersion = exec.String("apiVersion").Length == 0 ? Exec.ApiVersions[0] : exec.String("apiVersion");
            if (!Exec.ApiVersions.Contains(apiVersion))
            {
                throw new ConfigException(exec.Where + ": exec plugin apiVersion " + Strings.Quoted(apiVersion) + " is not one of " + string.Join(", ", Exec.ApiVersions));
            }
            List<string> args = new List<string>();
            IList<object> listed = exec.Member("args") as IList<object>;
            if (listed != null)
            {
                foreach (object arg in listed)
                {
                    args.Add(Scalar(arg));
                }
            }
            Dictionary<string, string> env = new Dictionary<string, string>();
            IList<object> entries = exec.Member("env") as IList<object>;
            if (entries != null)
            {
                int index = 0;
                foreach (object entry in entries)
                {
                    string name = JsonValues.Member(entry, "name") as string;
                    object value = JsonValues.Member(entry, "value");
                    if (name == null)
                    {
                        throw new ConfigException(exec.Where + ": exec env entry " + index + " has no name");
                    }
                    if (value == null)
                    {
                        throw new ConfigException(exec.Where + ": exec env entry " + Strings.Quoted(name) + " has no value");
                    }
                    env[name] = Scalar(value);
                    index++;
                }
            }
            string mode = exec.String("interactiveMode").Length == 0 ? "IfAvailable" : exec.String("interactiveMode");
            if (mode != "Never" && mode != "IfAvailable" && mode != "Always")
            {
                throw new ConfigException(exec.Where + ": exec interactiveMode " + Strings.Quoted(mode) + " is not Never, IfAvailable or Always");
            }
            Dictionary<string, string> clusterInfo = null;
            if (exec.Flag("provideClusterInfo"))
            {
                clusterInfo = new Dictionary<string, string>();
                clusterInfo["server"] = cluster.String("server");
                if (cluster.String("certificate-authority-data").Length > 0)
                {
                    clusterInfo["certificate-authority-data"] = cluster.String("certificate-authority-data");
                }
            }
            return new ExecConfig(command, args, env, apiVersion, mode, exec.String("installHint"), clusterInfo);
        }

        private static string Scalar(object value)
        {
            if (value is bool)
            {
                return (bool)value ? "true" : "false";
            }
            return Convert.ToString(value, global::System.Globalization.CultureInfo.InvariantCulture) ?? "";
        }

        private static string OrNull(string text)
        {
            return text.Length == 0 ? null : text;
        }

        /// <summary>The entries of the files read so far: the first of each name kept.</summary>
        private sealed class Merged
        {
            internal readonly Dictionary<string, Entry> Clusters = new Dictionary<string, Entry>();
            internal readonly Dictionary<string, Entry> Users = new Dictionary<string, Entry>();
            internal readonly Dictionary<string, Entry> Contexts = new Dictionary<string, Entry>();
            internal string Current = "";

            internal void Read(string file, bool explicitly)
            {
                string text;
                try
                {
                    FileInfo info = new FileInfo(file);
                    if (!info.Exists)
                    {
                        if (!explicitly)
                        {
                            return;
                        }
                        throw new ConfigException("cannot read kubeconfig " + file + ": it does not exist");
                    }
                    if (info.Length > MaxBytes)
                    {
                        throw new ConfigException("kubeconfig " + file + " is larger than " + (MaxBytes >> 20) + " MiB");
                    }
                    text = File.ReadAllText(file, new UTF8Encoding(false, true));
                }
                catch (IOException e)
                {
                    throw new ConfigException("cannot read kubeconfig " + file + ": " + e.Message, e);
                }
                catch (UnauthorizedAccessException e)
                {
                    throw new ConfigException("cannot read kubeconfig " + file + ": " + e.Message, e);
                }
                catch (ArgumentException e)
                {
                    throw new ConfigException("cannot read kubeconfig " + file + ": " + e.Message, e);
                }
                object document = KubeconfigYaml.Parse(text, file);
                if (document == null)
                {
                    return;
                }
                IDictionary<string, object> top = document as IDictionary<string, object>;
                if (top == null)
                {
                    throw new ConfigException("kubeconfig " + file + " is not a mapping");
                }
                string current = JsonValues.Member(top, "current-context") as string;
                if (Current.Length == 0 && current != null)
                {
                    Current = current;
                }
                Add(Clusters, top, "clusters", "cluster", file);
                Add(Users, top, "users", "user", file);
                Add(Contexts, top, "contexts", "context", file);
            }

            /// <summary>Keeps the first entry of each name, as kubectl does.</summary>
            private static void Add(Dictionary<string, Entry> entries, IDictionary<string, object> top, string list, string kind, string file)
            {
                IList<object> items = JsonValues.Member(top, list) as IList<object>;
                if (items == null)
                {
                    return;
                }
                foreach (object item in items)
                {
                    string name = JsonValues.Member(item, "name") as string;
                    if (string.IsNullOrEmpty(name) || entries.ContainsKey(name))
                    {
                        continue;
                    }
                    IDictionary<string, object> value = JsonValues.Member(item, kind) as IDictionary<string, object> ?? new Dictionary<string, object>();
                    entries[name] = new Entry(value, file, file + ": " + kind + " " + Strings.Quoted(name));
                }
            }
        }

        /// <summary>An entry of a file: its mapping, and where it is (relative paths start at its file).</summary>
        private sealed class Entry
        {
            internal Entry(IDictionary<string, object> value, string file, string where)
            {
                Value = value;
                File = file;
                Where = where;
            }

            internal IDictionary<string, object> Value { get; }

            internal string File { get; }

            internal string Where { get; }

            internal object Member(string key)
            {
                object value;
                return Value.TryGetValue(key, out value) ? value : null;
            }

            internal string PathOf(string relative)
            {
                if (Path.IsPathRooted(relative))
                {
                    return relative;
                }
                string directory = Path.GetDirectoryName(Path.GetFullPath(File)) ?? "";
                return Path.GetFullPath(Path.Combine(directory, relative));
            }

            /// <summary>The string at the key, "" when absent; another value is an error that does not show it (it may be a secret).</summary>
            internal string String(string key)
            {
                object value = Member(key);
                if (value != null && !(value is string))
                {
                    throw new ConfigException(Where + ": " + key + " must be a string");
                }
                return value as string ?? "";
            }

            internal bool Flag(string key)
            {
                object value = Member(key);
                return value is bool && (bool)value;
            }

            /// <summary><c>key</c>-data (base64) or the content of the file <c>key</c> names; null when neither is set.</summary>
            internal byte[] Data(string key)
            {
                string data = String(key + "-data");
                if (data.Length > 0)
                {
                    StringBuilder compact = new StringBuilder(data.Length);
                    foreach (char c in data)
                    {
                        if (!char.IsWhiteSpace(c))
                        {
                            compact.Append(c);
                        }
                    }
                    try
                    {
                        return Convert.FromBase64String(compact.ToString());
                    }
                    catch (FormatException)
                    {
                        throw new ConfigException(Where + ": " + key + "-data is not base64");
                    }
                }
                string file = String(key);
                if (file.Length == 0)
                {
                    return null;
                }
                string path = PathOf(file);
                try
                {
                    return global::System.IO.File.ReadAllBytes(path);
                }
                catch (IOException e)
                {
                    throw new ConfigException(Where + ": cannot read " + key + " " + path + ": " + e.Message, e);
                }
                catch (UnauthorizedAccessException e)
                {
                    throw new ConfigException(Where + ": cannot read " + key + " " + path + ": " + e.Message, e);
                }
            }
        }
    }
}
