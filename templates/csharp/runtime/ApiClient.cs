// kgen:header
namespace kgen.templates.csharp.runtime
{
    using global::System;
    using global::System.Collections.Generic;
    using global::System.Globalization;
    using global::System.IO;
    using global::System.Linq;
    using global::System.Net;
    using global::System.Net.Http;
    using global::System.Net.Http.Headers;
    using global::System.Security.Authentication;
    using global::System.Security.Cryptography.X509Certificates;
    using global::System.Text;
    using global::System.Text.RegularExpressions;
    using global::System.Threading;
    using global::System.Threading.Tasks;
    using global::Newtonsoft.Json;

    /// <summary>
    /// Sends calls to one API server over HttpClient. It retries what the server did not act on
    /// (429, and 503 with Retry-After, for any method; 503 without it and connection errors for
    /// idempotent methods only), bounds every response (Config's limits) and each attempt's time
    /// (Config.Timeout, to the response's last byte), and turns failures into typed exceptions.
    /// Safe for concurrent use; dispose it to close its connections.
    /// </summary>
    public sealed class ApiClient : IDisposable
    {
        private const long FailureBodyLimit = 1 << 20;
        private static readonly HashSet<string> Idempotent = new HashSet<string> { "GET", "HEAD", "OPTIONS", "PUT", "DELETE" };
        private static readonly Regex WarningText = new Regex("\\d{3} \\S+ \"((?:[^\"\\\\]|\\\\.)*)\"", RegexOptions.CultureInvariant);
        private static readonly Regex Escaped = new Regex("\\\\(.)", RegexOptions.CultureInvariant);

        private readonly Credentials credentials;
        private readonly HttpClient http;
        private readonly object gate = new object();
        private readonly List<HttpClient> retired = new List<HttpClient>();
        private Exec.Result presented;
        private HttpClient presenting;

        /// <summary>A client for a configuration.</summary>
        /// <exception cref="ConfigException">It cannot work (no server, unreadable certificates, a bad proxy).</exception>
        public ApiClient(Config config)
        {
            if (config == null)
            {
                throw new ArgumentNullException("config");
            }
            Config = config;
            Base = BaseOf(config.Server);
            credentials = new Credentials(config);
            http = NewHttp(Base.StartsWith("https:", StringComparison.Ordinal) ? Tls.ClientOf(config) : null);
        }

        /// <summary>A client for a configuration; as <see cref="ApiClient(Config)"/>.</summary>
        public static ApiClient FromConfig(Config config)
        {
            return new ApiClient(config);
        }

        /// <summary>
        /// A client for $KUBECONFIG's files or ~/.kube/config, else the pod's service account;
        /// ConfigException says why not.
        /// </summary>
        public static ApiClient FromDefault()
        {
            if (Kubeconfig.Present())
            {
                return FromConfig(Kubeconfig.Load(null, null, null));
            }
            string host = Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST");
            if (!string.IsNullOrEmpty(host))
            {
                return FromConfig(Config.InCluster());
            }
            throw new ConfigException("no configuration: KUBECONFIG is not set, " + Kubeconfig.HomeConfig() + " does not exist, and this is not a pod (KUBERNETES_SERVICE_HOST is not set)");
        }

        /// <summary>The configuration the client was made from (its namespace, say).</summary>
        public Config Config { get; }

        /// <summary>The server's URL without query, fragment or trailing slash.</summary>
        internal string Base { get; }

        /// <summary>
        /// Sends a call; a 2xx body decoded with <paramref name="codec"/> (an empty one is
        /// default(T); Json.Text and Json.Octets take it verbatim), else the typed ApiException.
        /// </summary>
        public async Task<T> SendAsync<T>(Call call, IJsonCodec<T> codec, CancellationToken cancellationToken)
        {
            Answer answer = await ReadAsync(call, cancellationToken).ConfigureAwait(false);
            return answer.Decode(codec);
        }

        /// <summary>Sends a call whose answer has no content of use (any 2xx body is read and dropped).</summary>
        public async Task SendAsync(Call call, CancellationToken cancellationToken)
        {
            await ReadAsync(call, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Sends a call whose answer is a T or a Status (a delete that completed at once).</summary>
        public async Task<ObjectOrStatus<T>> SendObjectOrStatusAsync<T>(Call call, IJsonCodec<T> codec, CancellationToken cancellationToken)
        {
            Answer answer = await ReadAsync(call, cancellationToken).ConfigureAwait(false);
            if (answer.Kind() == "Status")
            {
                return ObjectOrStatus<T>.OfStatus(ApiStatus.Of(JsonValues.Parse(answer.Body)));
            }
            return ObjectOrStatus<T>.OfObject(answer.Decode(codec));
        }

        /// <summary>
        /// The events of a list call (watch=true, with bookmarks); nothing is sent until the first
        /// MoveNextAsync.
        /// </summary>
        public Watch<T> Watch<T>(Call call, IJsonCodec<T> codec)
        {
            return new Watch<T>(this, call, codec);
        }

        /// <summary>
        /// The Authorization header the client sends now (null for none), for requests made
        /// outside it (websockets for exec and port-forward).
        /// </summary>
        public string Authorization()
        {
            return credentials.Header();
        }

        /// <summary>Closes the client's connections; calls after it fail.</summary>
        public void Dispose()
        {
            http.Dispose();
            lock (gate)
            {
                presenting?.Dispose();
                retired.ForEach(client => client.Dispose());
            }
        }

        /// <summary>An HttpClient for the configuration, presenting <paramref name="certificate"/> (null for none).</summary>
        private HttpClient NewHttp(X509Certificate2 certificate)
        {
            HttpClientHandler handler = new HttpClientHandler();
            handler.AllowAutoRedirect = false;
            handler.UseCookies = false;
            handler.AutomaticDecompression = DecompressionMethods.None; // inflated by Bodies, within its limit
            if (!string.IsNullOrEmpty(Config.ProxyUrl))
            {
                handler.Proxy = Proxy(Config.ProxyUrl);
                handler.UseProxy = true;
            }
            else
            {
                handler.UseProxy = false;
            }
            if (Base.StartsWith("https:", StringComparison.Ordinal))
            {
                Tls.Configure(handler, Config, certificate);
            }
            HttpClient made = new HttpClient(handler, true);
            made.Timeout = global::System.Threading.Timeout.InfiniteTimeSpan; // each attempt has its own deadline
            return made;
        }

        /// <summary>
        /// The HttpClient for the next request: while the exec plugin's current result holds a
        /// client certificate, one presenting it (made anew when the plugin gives another;
        /// the one it replaces may still carry requests, so it is closed with the client).
        /// </summary>
        private HttpClient Http()
        {
            if (!credentials.HasExec || !Base.StartsWith("https:", StringComparison.Ordinal))
            {
                return http;
            }
            Exec.Result result = credentials.ExecResult();
            if (result.Certificate == null)
            {
                return http;
            }
            lock (gate)
            {
                if (presented == null || !Pem.Equal(presented.Certificate, result.Certificate) || !Pem.Equal(presented.Key, result.Key))
                {
                    HttpClient made = NewHttp(ClientCertificate.Load(result.Certificate, "the exec plugin's clientCertificateData", result.Key, "the exec plugin's clientKeyData"));
                    if (presenting != null)
                    {
                        retired.Add(presenting);
                    }
                    presenting = made;
                }
                presented = result;
                return presenting;
            }
        }

        /// <summary>The client's configuration, without credentials.</summary>
        public override string ToString()
        {
            return "ApiClient{" + Config + "}";
        }

        private async Task<Answer> ReadAsync(Call call, CancellationToken cancellationToken)
        {
            string target = Base + call.Target(FieldManager(call));
            string url = Urls.Redacted(target);
            Sent sent = await ExchangeAsync(call, target, Config.Timeout, cancellationToken).ConfigureAwait(false);
            using (sent)
            {
                try
                {
                    using (Stream content = await Bodies.ContentAsync(sent.Response, Limit(Config.MaxResponseBytes), Limit(Config.MaxDecompressedBytes), call.Method, url).ConfigureAwait(false))
                    {
                        byte[] body = await Bodies.ReadAllAsync(content, sent.Deadline.Token).ConfigureAwait(false);
                        return new Answer(body, call.Method, url, (int)sent.Response.StatusCode);
                    }
                }
                catch (Exception e) when (!(e is KubeException))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    string why = sent.Deadline.IsCancellationRequested
                        ? "no whole response within " + Seconds(Config.Timeout) + " s (Config.Timeout)"
                        : e.Message;
                    throw new ConnectionException(call.Method + " " + url + ": " + why, e);
                }
            }
        }

        /// <summary>
        /// The fieldManager a server-side apply needs: the call's own, else Config.FieldManager;
        /// ArgumentException, before sending, when there is neither.
        /// </summary>
        private IList<KeyValuePair<string, string>> FieldManager(Call call)
        {
            List<KeyValuePair<string, string>> replaced = new List<KeyValuePair<string, string>>();
            if (call.ContentType != PatchType.Apply.ContentType || call.QueryValue("fieldManager") != null)
            {
                return replaced;
            }
            if (string.IsNullOrEmpty(Config.FieldManager))
            {
                throw new ArgumentException("server-side apply needs a field manager: set fieldManager in the options or Config.FieldManager");
            }
            replaced.Add(new KeyValuePair<string, string>("fieldManager", Config.FieldManager));
            return replaced;
        }

        /// <summary>
        /// Sends a call to <paramref name="target"/> until it succeeds or may not be retried:
        /// retries after 429/503 and connection errors as <see cref="Retry"/> says, once with
        /// fresh credentials after a 401; a failure becomes an ApiException. The 2xx response
        /// comes with its deadline, which disposes it when it passes.
        /// </summary>
        internal async Task<Sent> ExchangeAsync(Call call, string target, TimeSpan? timeout, CancellationToken cancellationToken)
        {
            string method = call.Method;
            string url = Urls.Redacted(target);
            bool refreshed = false;
            for (int attempt = 0; ; attempt++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                CancellationTokenSource deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                if (Positive(timeout))
                {
                    deadline.CancelAfter(timeout.Value);
                }
                HttpResponseMessage response;
                try
                {
                    response = await OnceAsync(call, target, timeout, deadline, cancellationToken).ConfigureAwait(false);
                }
                catch (ConnectionException e)
                {
                    deadline.Dispose();
                    TimeSpan? wait = AfterError(attempt, method, e);
                    if (wait == null)
                    {
                        throw;
                    }
                    await PauseAsync(wait.Value, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                catch
                {
                    deadline.Dispose();
                    throw;
                }
                IList<string> warnings = Warnings(response);
                if (Config.OnWarning != null)
                {
                    foreach (string warning in warnings)
                    {
                        Config.OnWarning(warning);
                    }
                }
                int code = (int)response.StatusCode;
                if (code >= 200 && code < 300)
                {
                    return new Sent(response, deadline);
                }
                byte[] body;
                using (response)
                {
                    try
                    {
                        body = await FailureBodyAsync(response, method, url, deadline.Token).ConfigureAwait(false);
                    }
                    finally
                    {
                        deadline.Dispose();
                    }
                }
                cancellationToken.ThrowIfCancellationRequested();
                if (code == 401 && !refreshed && credentials.Forget())
                {
                    refreshed = true;
                    continue;
                }
                TimeSpan? after = RetryAfter(response);
                TimeSpan? delay = AfterResponse(attempt, method, code, after);
                if (delay != null)
                {
                    await PauseAsync(delay.Value, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                ApiException failure = ApiException.Of(code, ApiStatus.OfFailure(code, body), method, url, warnings);
                failure.RetryAfter = after;
                throw failure;
            }
        }

        /// <summary>Refuses a header value with a line break or another control character, before anything is sent:
        /// HttpClient would drop such a header silently, or send it as given.</summary>
        private static void Carried(KeyValuePair<string, string> header)
        {
            foreach (char c in header.Value ?? "")
            {
                if ((c < ' ' && c != '\t') || c == '\u007f')
                {
                    throw new ArgumentException("header " + header.Key + ": its value holds a line break or another character no header can carry");
                }
            }
        }

        private async Task<HttpResponseMessage> OnceAsync(Call call, string target, TimeSpan? timeout, CancellationTokenSource deadline, CancellationToken cancellationToken)
        {
            string url = Urls.Redacted(target);
            Uri uri;
            if (!Uri.TryCreate(target, UriKind.Absolute, out uri))
            {
                throw new ConfigException("not a URL: " + url);
            }
            HttpRequestMessage request = new HttpRequestMessage(new HttpMethod(call.Method), uri);
            byte[] content = call.Content;
            if (content != null)
            {
                request.Content = new ByteArrayContent(content);
                request.Content.Headers.TryAddWithoutValidation("Content-Type", call.ContentType);
            }
            request.Headers.TryAddWithoutValidation("Accept", "application/json");
            foreach (KeyValuePair<string, string> header in call.Headers)
            {
                Carried(header);
                request.Headers.Remove(header.Key);
                if (!request.Headers.TryAddWithoutValidation(header.Key, header.Value) && request.Content != null)
                {
                    request.Content.Headers.Remove(header.Key);
                    request.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }
            string authorization = credentials.Header();
            if (authorization != null)
            {
                request.Headers.Remove("Authorization");
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }
            if (Config.UserAgent != null)
            {
                request.Headers.Remove("User-Agent");
                request.Headers.TryAddWithoutValidation("User-Agent", Config.UserAgent);
            }
            request.Headers.Remove("Accept-Encoding");
            request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
            try
            {
                return await Http().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (!(e is KubeException))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (deadline.IsCancellationRequested)
                {
                    throw new ConnectionException(call.Method + " " + url + ": no response within " + Seconds(timeout) + " s (Config.Timeout)", e);
                }
                if (e is ObjectDisposedException)
                {
                    throw new ObjectDisposedException("ApiClient", "the client was disposed");
                }
                throw new ConnectionException(call.Method + " " + url + ": " + Describe(e), e);
            }
            finally
            {
                request.Dispose();
            }
        }

        /// <summary>The start of a failed response's body (to read its Status); what cannot be read is left out.</summary>
        private static async Task<byte[]> FailureBodyAsync(HttpResponseMessage response, string method, string url, CancellationToken cancellationToken)
        {
            try
            {
                using (Stream content = await Bodies.ContentAsync(response, FailureBodyLimit, FailureBodyLimit, method, url).ConfigureAwait(false))
                {
                    return await Bodies.ReadAllAsync(content, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception)
            {
                return new byte[0];
            }
        }

        /// <summary>The wait before retrying after a 429 or 503, or null when it is not retried.</summary>
        private TimeSpan? AfterResponse(int attempt, string method, int code, TimeSpan? after)
        {
            Retry retry = Config.Retry;
            if (attempt >= retry.Attempts || (code != 429 && code != 503))
            {
                return null;
            }
            if (after != null)
            {
                return after.Value > retry.MaxWait ? retry.MaxWait : after.Value;
            }
            if (code == 503 && !Idempotent.Contains(method))
            {
                return null; // a proxy may send it after the server acted
            }
            return Backoff(attempt);
        }

        /// <summary>The wait before retrying after a connection error, or null: not for writes or TLS refusals.</summary>
        internal TimeSpan? AfterError(int attempt, string method, Exception error)
        {
            if (attempt >= Config.Retry.Attempts || !Idempotent.Contains(method) || TlsFailure(error))
            {
                return null;
            }
            return Backoff(attempt);
        }

        /// <summary>The doubling wait before retry <paramref name="attempt"/>, at most Retry.MaxWait.</summary>
        internal TimeSpan Backoff(int attempt)
        {
            Retry retry = Config.Retry;
            TimeSpan delay = retry.Backoff;
            for (int i = 0; i < attempt && delay < retry.MaxWait; i++)
            {
                delay = TimeSpan.FromTicks(delay.Ticks * 2);
            }
            return delay > retry.MaxWait ? retry.MaxWait : delay;
        }

        internal static Task PauseAsync(TimeSpan delay, CancellationToken cancellationToken)
        {
            return Task.Delay(delay, cancellationToken);
        }

        /// <summary>Whether a certificate was refused, by us or by the server: that does not change on retry.</summary>
        private static bool TlsFailure(Exception error)
        {
            for (Exception cause = error; cause != null; cause = cause.InnerException)
            {
                if (cause is AuthenticationException)
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>An exception's messages down its causes (HttpClient's own is mostly "an error occurred").</summary>
        internal static string Describe(Exception error)
        {
            StringBuilder text = new StringBuilder();
            for (Exception cause = error; cause != null; cause = cause.InnerException)
            {
                text.Append(text.Length == 0 ? "" : ": ").Append(cause.Message);
            }
            return text.ToString();
        }

        /// <summary>Retry-After: seconds, or an HTTP date; null when absent or unreadable.</summary>
        internal static TimeSpan? RetryAfter(HttpResponseMessage response)
        {
            IEnumerable<string> values;
            if (!response.Headers.TryGetValues("Retry-After", out values))
            {
                return null;
            }
            string value = values.FirstOrDefault();
            return value == null ? null : RetryAfter(value);
        }

        /// <summary>A Retry-After value: seconds, or an HTTP date; null when unreadable.</summary>
        internal static TimeSpan? RetryAfter(string value)
        {
            string text = value.Trim();
            if (text.Length == 0)
            {
                return null;
            }
            double seconds;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds))
            {
                if (double.IsNaN(seconds) || double.IsInfinity(seconds))
                {
                    return null;
                }
                return TimeSpan.FromMilliseconds(Math.Max(0, Math.Min(seconds, 1e9)) * 1000);
            }
            DateTimeOffset when;
            if (DateTimeOffset.TryParseExact(text, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out when))
            {
                TimeSpan wait = when - DateTimeOffset.UtcNow;
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }
            return null;
        }

        /// <summary>The texts of Warning headers (<c>299 - "text"</c>).</summary>
        internal static IList<string> Warnings(HttpResponseMessage response)
        {
            List<string> texts = new List<string>();
            IEnumerable<string> values;
            if (response.Headers.TryGetValues("Warning", out values))
            {
                foreach (string value in values)
                {
                    foreach (Match match in WarningText.Matches(value))
                    {
                        texts.Add(Escaped.Replace(match.Groups[1].Value, "$1"));
                    }
                }
            }
            return texts;
        }

        /// <summary>A configured limit, or its default when not positive.</summary>
        internal static long Limit(long value)
        {
            return value > 0 ? value : long.MaxValue / 4;
        }

        internal static bool Positive(TimeSpan? span)
        {
            return span != null && span.Value > TimeSpan.Zero;
        }

        internal static string Seconds(TimeSpan? span)
        {
            return span == null ? "0" : ((long)span.Value.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        /// <summary>The server's URL without query, fragment or trailing slash; ConfigException when it is not http(s).</summary>
        private static string BaseOf(string server)
        {
            if (string.IsNullOrEmpty(server))
            {
                throw new ConfigException("Config.Server is not set: give the API server's URL, such as https://10.0.0.1:6443");
            }
            Uri uri;
            if (!Uri.TryCreate(server, UriKind.Absolute, out uri)
                || (uri.Scheme != "https" && uri.Scheme != "http")
                || string.IsNullOrEmpty(uri.Host))
            {
                throw new ConfigException("Config.Server " + Urls.Redacted(server) + " is not an http(s) URL");
            }
            string authority = uri.GetComponents(UriComponents.UserInfo | UriComponents.HostAndPort, UriFormat.UriEscaped);
            string path = uri.GetComponents(UriComponents.Path, UriFormat.UriEscaped).TrimEnd('/');
            if (uri.UserInfo.Length > 0)
            {
                authority = uri.UserInfo + "@" + uri.GetComponents(UriComponents.HostAndPort, UriFormat.UriEscaped);
            }
            return uri.Scheme + "://" + authority + (path.Length == 0 ? "" : "/" + path);
        }

        private static IWebProxy Proxy(string proxyUrl)
        {
            Uri uri;
            if (!Uri.TryCreate(proxyUrl, UriKind.Absolute, out uri))
            {
                throw new ConfigException("proxy-url " + Urls.Redacted(proxyUrl) + " is not a URL");
            }
            if (uri.Scheme != "http" || string.IsNullOrEmpty(uri.Host) || uri.UserInfo.Length > 0)
            {
                throw new ConfigException("proxy-url " + Urls.Redacted(proxyUrl) + " is not supported: give an http:// proxy without credentials");
            }
            return new WebProxy(uri);
        }

        /// <summary>A 2xx response whose headers arrived, with the deadline of its attempt (disposed with it).</summary>
        internal sealed class Sent : IDisposable
        {
            internal Sent(HttpResponseMessage response, CancellationTokenSource deadline)
            {
                Response = response;
                Deadline = deadline;
                // a trickle cannot outlast the deadline: passing it closes the response
                Registration = deadline.Token.Register(state => ((HttpResponseMessage)state).Dispose(), response);
            }

            internal HttpResponseMessage Response { get; }

            internal CancellationTokenSource Deadline { get; }

            private CancellationTokenRegistration Registration { get; }

            public void Dispose()
            {
                Registration.Dispose();
                Response.Dispose();
                Deadline.Dispose();
            }
        }

        /// <summary>A successful response's body, read.</summary>
        private sealed class Answer
        {
            private readonly string method;
            private readonly string url;
            private readonly int code;

            internal Answer(byte[] body, string method, string url, int code)
            {
                Body = body;
                this.method = method;
                this.url = url;
                this.code = code;
            }

            internal byte[] Body { get; }

            internal T Decode<T>(IJsonCodec<T> codec)
            {
                try
                {
                    return Json.Decode(Body, codec);
                }
                catch (DecodeException e)
                {
                    throw new DecodeException("decoding the response of " + method + " " + url + " (" + code + "): " + e.Message, e);
                }
            }

            /// <summary>The top-level "kind" member, without decoding the rest; null when absent or not JSON.</summary>
            internal string Kind()
            {
                try
                {
                    using (JsonTextReader reader = new JsonTextReader(new StringReader(Encoding.UTF8.GetString(Body))))
                    {
                        reader.DateParseHandling = DateParseHandling.None;
                        reader.MaxDepth = Json.MaxDepth;
                        if (!reader.Read() || reader.TokenType != JsonToken.StartObject)
                        {
                            return null;
                        }
                        while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
                        {
                            string name = (string)reader.Value;
                            reader.Read();
                            if (name == "kind")
                            {
                                return reader.TokenType == JsonToken.String ? (string)reader.Value : null;
                            }
                            reader.Skip();
                        }
                    }
                }
                catch (JsonException)
                {
                    return null;
                }
                return null;
            }
        }
    }
}
