// kgen:header

package kgen.templates.java.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where the API server is and how to reach it: a server URL with credentials and a CA, or {@link
 * #fromKubeconfig}'s reading of a kubeconfig, or {@link #inCluster} inside a pod. Settings are
 * fluent ({@code new Config().server(url).token(t)}); toString() shows the server (without a
 * password) and the namespace, never credentials.
 */
public final class Config {
  /** The default deadline of one attempt of a request, from sending to its response's last byte. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  /**
   * The default time a watch may go without a whole event before it resumes on a new connection.
   */
  public static final Duration DEFAULT_WATCH_IDLE = Duration.ofSeconds(300);

  public static final long DEFAULT_MAX_RESPONSE_BYTES = 512L << 20;
  public static final long DEFAULT_MAX_DECOMPRESSED_BYTES = 512L << 20;
  public static final long DEFAULT_MAX_WATCH_LINE_BYTES = 16L << 20;

  private String server;
  private String namespace = "";
  private String token;
  private Path tokenFile;
  private String username;
  private String password;
  private ExecConfig exec;
  private byte[] caData;
  private Path caFile;
  private byte[] clientCertificateData;
  private Path clientCertificateFile;
  private byte[] clientKeyData;
  private Path clientKeyFile;
  private String tlsServerName;
  private boolean insecureSkipTlsVerify;
  private String proxyUrl;
  private String userAgent;
  private String fieldManager;
  private Duration timeout = DEFAULT_TIMEOUT;
  private Duration watchIdle = DEFAULT_WATCH_IDLE;
  private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
  private long maxDecompressedBytes = DEFAULT_MAX_DECOMPRESSED_BYTES;
  private long maxWatchLineBytes = DEFAULT_MAX_WATCH_LINE_BYTES;
  private Retry retry = Retry.DEFAULT;
  private Consumer<String> onWarning;

  public String server() {
    return server;
  }

  public Config server(String value) {
    server = value;
    return this;
  }

  /** The namespace of the kubeconfig context ("" for none: the caller's default). */
  public String namespace() {
    return namespace;
  }

  public Config namespace(String value) {
    namespace = value == null ? "" : value;
    return this;
  }

  public String token() {
    return token;
  }

  public Config token(String value) {
    token = value;
    return this;
  }

  /**
   * A file holding the bearer token, read again whenever it changes (rotating service-account
   * tokens).
   */
  public Path tokenFile() {
    return tokenFile;
  }

  public Config tokenFile(Path value) {
    tokenFile = value;
    return this;
  }

  public String username() {
    return username;
  }

  public Config username(String value) {
    username = value;
    return this;
  }

  public String password() {
    return password;
  }

  public Config password(String value) {
    password = value;
    return this;
  }

  /**
   * An exec credential plugin, run without a shell; its result is kept until it expires or a 401.
   */
  public ExecConfig exec() {
    return exec;
  }

  public Config exec(ExecConfig value) {
    exec = value;
    return this;
  }

  /** PEM certificates to trust instead of the system's. */
  public byte[] caData() {
    return caData;
  }

  public Config caData(byte[] value) {
    caData = value;
    return this;
  }

  public Path caFile() {
    return caFile;
  }

  public Config caFile(Path value) {
    caFile = value;
    return this;
  }

  /** A PEM client certificate (chain), with its key: RSA or EC, PKCS#1, PKCS#8 or SEC1. */
  public byte[] clientCertificateData() {
    return clientCertificateData;
  }

  public Config clientCertificateData(byte[] value) {
    clientCertificateData = value;
    return this;
  }

  public Path clientCertificateFile() {
    return clientCertificateFile;
  }

  public Config clientCertificateFile(Path value) {
    clientCertificateFile = value;
    return this;
  }

  public byte[] clientKeyData() {
    return clientKeyData;
  }

  public Config clientKeyData(byte[] value) {
    clientKeyData = value;
    return this;
  }

  public Path clientKeyFile() {
    return clientKeyFile;
  }

  public Config clientKeyFile(Path value) {
    clientKeyFile = value;
    return this;
  }

  /** The name the server's certificate must carry, if not the URL's host. */
  public String tlsServerName() {
    return tlsServerName;
  }

  public Config tlsServerName(String value) {
    tlsServerName = value;
    return this;
  }

  /** Do not verify the server's certificate (never in production). */
  public boolean insecureSkipTlsVerify() {
    return insecureSkipTlsVerify;
  }

  public Config insecureSkipTlsVerify(boolean value) {
    insecureSkipTlsVerify = value;
    return this;
  }

  /** The HTTP proxy requests go through (null: none). */
  public String proxyUrl() {
    return proxyUrl;
  }

  public Config proxyUrl(String value) {
    proxyUrl = value;
    return this;
  }

  public String userAgent() {
    return userAgent;
  }

  public Config userAgent(String value) {
    userAgent = value;
    return this;
  }

  /** Sent with server-side apply patches that do not name a field manager themselves. */
  public String fieldManager() {
    return fieldManager;
  }

  public Config fieldManager(String value) {
    fieldManager = value;
    return this;
  }

  /** The deadline of each attempt of a request but watches (default 60 s; null or zero: none). */
  public Duration timeout() {
    return timeout;
  }

  public Config timeout(Duration value) {
    timeout = value;
    return this;
  }

  /**
   * How long a watch may go without a whole event before it resumes on a new connection (default 5
   * min; null or zero: no limit).
   */
  public Duration watchIdle() {
    return watchIdle;
  }

  public Config watchIdle(Duration value) {
    watchIdle = value;
    return this;
  }

  /**
   * A response body as received (default 512 MiB); a larger Content-Length is refused before
   * reading.
   */
  public long maxResponseBytes() {
    return maxResponseBytes;
  }

  public Config maxResponseBytes(long value) {
    maxResponseBytes = value;
    return this;
  }

  /** A response body as inflated from gzip (default 512 MiB). */
  public long maxDecompressedBytes() {
    return maxDecompressedBytes;
  }

  public Config maxDecompressedBytes(long value) {
    maxDecompressedBytes = value;
    return this;
  }

  /** One line (event) of a watch (default 16 MiB). */
  public long maxWatchLineBytes() {
    return maxWatchLineBytes;
  }

  public Config maxWatchLineBytes(long value) {
    maxWatchLineBytes = value;
    return this;
  }

  public Retry retry() {
    return retry;
  }

  public Config retry(Retry value) {
    retry = value;
    return this;
  }

  /** Called with the text of each Warning header the server sends (deprecations and the like). */
  public Consumer<String> onWarning() {
    return onWarning;
  }

  public Config onWarning(Consumer<String> value) {
    onWarning = value;
    return this;
  }

  private static final Path SERVICE_ACCOUNT =
      Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

  /** The current context of $KUBECONFIG's files, else ~/.kube/config. */
  public static Config fromKubeconfig() {
    return Kubeconfig.load(List.of(), null, null);
  }

  /** A context (null: the current one) of one kubeconfig file. */
  public static Config fromKubeconfig(Path file, String context) {
    return Kubeconfig.load(List.of(file), context, null);
  }

  /**
   * The configuration of a pod's service account: its token (read again as it rotates) and CA, and
   * the server that KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT name.
   */
  public static Config inCluster() {
    return inCluster(SERVICE_ACCOUNT);
  }

  /**
   * {@link #inCluster()} with the service account's files (token, ca.crt, namespace) read from
   * {@code account} instead of /var/run/secrets/kubernetes.io/serviceaccount (a projected volume
   * mounted elsewhere).
   */
  public static Config inCluster(Path account) {
    String host = System.getenv().getOrDefault("KUBERNETES_SERVICE_HOST", "");
    String port = System.getenv().getOrDefault("KUBERNETES_SERVICE_PORT", "");
    if (host.isEmpty() || port.isEmpty()) {
      throw new ConfigException(
          "not in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set");
    }
    String namespace = "";
    try {
      namespace = Files.readString(account.resolve("namespace")).strip();
    } catch (IOException e) {
      // no namespace file: the caller's default
    }
    Path token = account.resolve("token");
    if (!Files.exists(token)) {
      throw new ConfigException(
          "in a cluster, but the service account token " + token + " does not exist");
    }
    Config config =
        new Config()
            .server("https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port)
            .namespace(namespace)
            .tokenFile(token);
    return Files.exists(account.resolve("ca.crt"))
        ? config.caFile(account.resolve("ca.crt"))
        : config;
  }

  @Override
  public String toString() {
    return "Config{server="
        + Urls.redacted(server)
        + ", namespace="
        + (namespace.isEmpty() ? "default" : namespace)
        + "}";
  }
}
