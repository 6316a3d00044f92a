// kgen:header
namespace kgen.templates.csharp.runtime
{
    using global::System;
    using global::System.Collections.Generic;
    using global::System.IO;

    /// <summary>
    /// Where the API server is and how to reach it: a server URL with credentials and a CA, or
    /// <see cref="InCluster()"/> inside a pod. Settings are properties
    /// (<c>new Config { Server = url, BearerToken = t }</c>); ToString() shows the server
    /// (without a password) and the namespace, never credentials.
    /// </summary>
    public sealed class Config
    {
        /// <summary>The default deadline of one attempt of a request, from sending to its response's last byte.</summary>
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

        /// <summary>The default time a watch may go without a whole event before it resumes on a new connection.</summary>
        public static readonly TimeSpan DefaultWatchIdle = TimeSpan.FromSeconds(300);

        /// <summary>The default limit of a response body as received: 512 MiB.</summary>
        public const long DefaultMaxResponseBytes = 512L << 20;

        /// <summary>The default limit of a response body as inflated from gzip: 512 MiB.</summary>
        public const long DefaultMaxDecompressedBytes = 512L << 20;

        /// <summary>The default limit of one watch event: 16 MiB.</summary>
        public const long DefaultMaxWatchLineBytes = 16L << 20;

        private const string ServiceAccount = "/var/run/secrets/kubernetes.io/serviceaccount";

        private string ns = "";
        private Retry retry = Retry.Default;

        /// <summary>The API server's URL, such as https://10.0.0.1:6443 (a path prefix is kept).</summary>
        public string Server { get; set; }

        /// <summary>The namespace of the kubeconfig context ("" for none: the caller's default).</summary>
        public string Namespace
        {
            get { return ns; }
            set { ns = value ?? ""; }
        }

        /// <summary>A bearer token sent with every request.</summary>
        public string BearerToken { get; set; }

        /// <summary>A file holding the bearer token, read again whenever it changes (rotating service-account tokens).</summary>
        public string TokenFile { get; set; }

        /// <summary>The user of basic authentication.</summary>
        public string Username { get; set; }

        /// <summary>The password of basic authentication.</summary>
        public string Password { get; set; }

        /// <summary>PEM certificates to trust instead of the system's.</summary>
        public byte[] CaData { get; set; }

        /// <summary>A file of PEM certificates to trust instead of the system's.</summary>
        public string CaFile { get; set; }

        /// <summary>A PEM client certificate (its first certificate is presented), as a kubeconfig gives it; with <see cref="ClientKeyData"/> or <see cref="ClientKeyFile"/>.</summary>
        public byte[] ClientCertificateData { get; set; }

        /// <summary>A file holding a PEM client certificate, read as <see cref="ClientCertificateData"/> is.</summary>
        public string ClientCertificateFile { get; set; }

        /// <summary>The client certificate's PEM private key (PKCS#8, or PKCS#1 RSA, or SEC1 EC), unencrypted.</summary>
        public byte[] ClientKeyData { get; set; }

        /// <summary>A file holding the client certificate's PEM private key, read as <see cref="ClientKeyData"/> is.</summary>
        public string ClientKeyFile { get; set; }

        /// <summary>The name the server's certificate must carry, if not the URL's host.</summary>
        public string TlsServerName { get; set; }

        /// <summary>An exec credential plugin, run without a shell; its result is kept until it expires or a 401.</summary>
        public ExecConfig Exec { get; set; }

        /// <summary>Do not verify the server's certificate (never in production).</summary>
        public bool InsecureSkipTlsVerify { get; set; }

        /// <summary>The http:// proxy requests go through (null: none, not even the system's).</summary>
        public string ProxyUrl { get; set; }

        /// <summary>The User-Agent header, or null for the default.</summary>
        public string UserAgent { get; set; }

        /// <summary>Sent with server-side apply patches that do not name a field manager themselves.</summary>
        public string FieldManager { get; set; }

        /// <summary>The deadline of each attempt of a request but watches (default 60 s; null or zero: none).</summary>
        public TimeSpan? Timeout { get; set; } = DefaultTimeout;

        /// <summary>How long a watch may go without a whole event before it resumes on a new connection (default 5 min; null or zero: no limit).</summary>
        public TimeSpan? WatchIdle { get; set; } = DefaultWatchIdle;

        /// <summary>A response body as received (default 512 MiB); a larger Content-Length is refused before reading.</summary>
        public long MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;

        /// <summary>A response body as inflated from gzip (default 512 MiB).</summary>
        public long MaxDecompressedBytes { get; set; } = DefaultMaxDecompressedBytes;

        /// <summary>One line (event) of a watch (default 16 MiB).</summary>
        public long MaxWatchLineBytes { get; set; } = DefaultMaxWatchLineBytes;

        /// <summary>When requests are sent again (default <see cref="Retry.Default"/>).</summary>
        public Retry Retry
        {
            get { return retry; }
            set { retry = value ?? Retry.None; }
        }

        /// <summary>Called with the text of each Warning header the server sends (deprecations and the like).</summary>
        public Action<string> OnWarning { get; set; }

        /// <summary>The current context of $KUBECONFIG's files, else ~/.kube/config.</summary>
        /// <exception cref="ConfigException">They cannot be read, or do not give a usable context.</exception>
        public static Config FromKubeconfig()
        {
            return Kubeconfig.Load(null, null, null);
        }

        /// <summary>A context (null: the current one) of one kubeconfig file.</summary>
        public static Config FromKubeconfig(string file, string context)
        {
            return Kubeconfig.Load(new List<string> { file }, context, null);
        }

        /// <summary>
        /// The configuration of a pod's service account: its token (read again as it rotates) and
        /// CA, and the server that KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT name.
        /// </summary>
        /// <exception cref="ConfigException">This is not a pod, or it has no token.</exception>
        public static Config InCluster()
        {
            return InCluster(ServiceAccount);
        }

        /// <summary>
        /// <see cref="InCluster()"/> with the service account's files (token, ca.crt, namespace)
        /// read from <paramref name="account"/> (a projected volume mounted elsewhere).
        /// </summary>
        public static Config InCluster(string account)
        {
            string host = Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST") ?? "";
            string port = Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_PORT") ?? "";
            if (host.Length == 0 || port.Length == 0)
            {
                throw new ConfigException("not in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set");
            }
            string ns = "";
            try
            {
                ns = File.ReadAllText(global::System.IO.Path.Combine(account, "namespace")).Trim();
            }
            catch (IOException)
            {
                // no namespace file: the caller's default
            }
            catch (UnauthorizedAccessException)
            {
                // an unreadable namespace file: the caller's default
            }
            string token = global::System.IO.Path.Combine(account, "token");
            if (!File.Exists(token))
            {
                throw new ConfigException("in a cluster, but the service account token " + token + " does not exist");
            }
            string ca = global::System.IO.Path.Combine(account, "ca.crt");
            return new Config
            {
                Server = "https://" + (host.IndexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port,
                Namespace = ns,
                TokenFile = token,
                CaFile = File.Exists(ca) ? ca : null,
            };
        }

        /// <summary>The server (without a password) and namespace; never credentials.</summary>
        public override string ToString()
        {
            return "Config{server=" + Urls.Redacted(Server) + ", namespace=" + (ns.Length == 0 ? "default" : ns) + "}";
        }
    }
}
