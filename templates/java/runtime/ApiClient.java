// kgen:header

package kgen.templates.java.runtime;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * Sends calls to one API server over java.net.http. It retries what the server did not act on (429,
 * and 503 with Retry-After, for any method; 503 without it and connection errors for idempotent
 * methods only), sends fresh exec credentials once after a 401, bounds every response (Config's
 * limits) and each attempt's time (Config.timeout, to the response's last byte), and turns failures
 * into typed exceptions. Safe for concurrent use; close it to stop its threads.
 */
public final class ApiClient implements AutoCloseable {
  private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");
  private static final Pattern WARNING = Pattern.compile("\\d{3} \\S+ \"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final long FAILURE_BODY_LIMIT = 1 << 20;

  private final Config config;
  private final String base;
  private final Credentials credentials;
  private final HttpClient http;
  private final ExecutorService workers;
  private final ScheduledExecutorService timers;

  private ApiClient(Config config) {
    this.config = config;
    this.base = base(config.server());
    this.credentials = new Credentials(config);
    this.workers = Executors.newCachedThreadPool(daemon("kgen-client"));
    this.timers = Executors.newSingleThreadScheduledExecutor(daemon("kgen-client-timer"));
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .executor(workers)
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(
                base.startsWith("https:")
                    ? HttpClient.Version.HTTP_2
                    : HttpClient.Version.HTTP_1_1);
    if (positive(config.timeout())) {
      builder.connectTimeout(config.timeout());
    }
    if (base.startsWith("https:")) {
      builder.sslContext(Tls.context(config, credentials));
      if (config.tlsServerName() != null && !config.tlsServerName().isEmpty()) {
        SSLParameters parameters = new SSLParameters();
        parameters.setServerNames(List.of(new SNIHostName(config.tlsServerName())));
        builder.sslParameters(parameters);
      }
    }
    if (config.proxyUrl() != null && !config.proxyUrl().isEmpty()) {
      builder.proxy(proxy(config.proxyUrl()));
    }
    this.http = builder.build();
  }

  /**
   * A client for a configuration; ConfigException when it cannot work (no server, unreadable
   * certificates).
   */
  public static ApiClient fromConfig(Config config) {
    return new ApiClient(config);
  }

  /**
   * A client for $KUBECONFIG's files or ~/.kube/config, else the pod's service account;
   * ConfigException says why not.
   */
  public static ApiClient fromDefault() {
    String listed = System.getenv("KUBECONFIG");
    Path home = Path.of(System.getProperty("user.home"), ".kube", "config");
    if ((listed != null && !listed.isEmpty()) || Files.exists(home)) {
      return fromConfig(Kubeconfig.load(List.of(), null, null));
    }
    String host = System.getenv("KUBERNETES_SERVICE_HOST");
    if (host != null && !host.isEmpty()) {
      return fromConfig(Config.inCluster());
    }
    throw new ConfigException(
        "no configuration: KUBECONFIG is not set, "
            + home
            + " does not exist, and this is not a pod "
            + "(KUBERNETES_SERVICE_HOST is not set)");
  }

  /**
   * Sends a call; a 2xx body decoded with `codec` (an empty one is null), else the typed
   * ApiException.
   */
  public <T> T send(Call call, JsonCodec<T> codec) {
    return read(call).decode(codec);
  }

  /** {@link #send}, on the client's threads: completes exceptionally with the same exceptions. */
  public <T> CompletableFuture<T> sendAsync(Call call, JsonCodec<T> codec) {
    return CompletableFuture.supplyAsync(() -> send(call, codec), workers);
  }

  /** Sends a call whose answer is a T or a Status (a delete that completed at once). */
  public <T> ObjectOrStatus<T> sendObjectOrStatus(Call call, JsonCodec<T> codec) {
    Answer answer = read(call);
    if ("Status".equals(answer.kind())) {
      return new ObjectOrStatus.Status<>(ApiStatus.of(JsonValues.parse(answer.body())));
    }
    return new ObjectOrStatus.Obj<>(answer.decode(codec));
  }

  /** {@link #sendObjectOrStatus}, on the client's threads. */
  public <T> CompletableFuture<ObjectOrStatus<T>> sendObjectOrStatusAsync(
      Call call, JsonCodec<T> codec) {
    return CompletableFuture.supplyAsync(() -> sendObjectOrStatus(call, codec), workers);
  }

  /**
   * The events of a list call (watch=true, with bookmarks); nothing is sent until the first
   * hasNext().
   */
  public <T> Watch<T> watch(Call call, JsonCodec<T> codec) {
    return new Watch<>(this, call, codec);
  }

  /**
   * The Authorization header the client sends now (null for none), for requests made outside it
   * (websockets for exec and port-forward); an exec plugin runs if it must.
   */
  public String authorization() {
    return credentials.header();
  }

  /** Stops the client's threads; calls after close fail. */
  @Override
  public void close() {
    timers.shutdownNow();
    workers.shutdown();
  }

  /** A successful response's body, read. */
  record Answer(byte[] body, String method, String url, int code) {
    <T> T decode(JsonCodec<T> codec) {
      try {
        return Json.decode(body, codec);
      } catch (DecodeException e) {
        throw new DecodeException(
            "decoding the response of " + method + " " + url + " (" + code + "): " + e.getMessage(),
            e);
      }
    }

    /** The top-level "kind" member, without decoding the rest; null when absent or not JSON. */
    String kind() {
      try (JsonParser p = Json.FACTORY.createParser(body)) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
          return null;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonToken value = p.nextToken();
          if (name.equals("kind")) {
            return value == JsonToken.VALUE_STRING ? p.getText() : null;
          }
          p.skipChildren();
        }
      } catch (IOException e) {
        return null;
      }
      return null;
    }
  }

  private Answer read(Call call) {
    String target = base + call.target(fieldManager(call));
    Sent sent = exchange(call, target, config.timeout());
    String url = Urls.redacted(target);
    AtomicBoolean expired = new AtomicBoolean();
    ScheduledFuture<?> deadline = sent.deadline(timers, expired);
    // closed whatever happens: a body refused by its Content-Length frees its connection too
    InputStream body = sent.response().body();
    try (body;
        InputStream content =
            Bodies.content(
                sent.response(),
                limit(config.maxResponseBytes()),
                limit(config.maxDecompressedBytes()))) {
      return new Answer(Bodies.readAll(content), call.method(), url, sent.response().statusCode());
    } catch (IOException e) {
      String why =
          expired.get()
              ? "no whole response within " + config.timeout().toSeconds() + " s (Config.timeout)"
              : e.toString();
      throw new ConnectionException(call.method() + " " + url + ": " + why, e);
    } finally {
      if (deadline != null) {
        deadline.cancel(false);
      }
    }
  }

  /**
   * The fieldManager a server-side apply needs: the call's own, else Config.fieldManager;
   * IllegalArgumentException, before sending, when there is neither.
   */
  private Map<String, String> fieldManager(Call call) {
    if (!PatchType.APPLY.contentType().equals(call.contentType())
        || call.queryValue("fieldManager") != null) {
      return Map.of();
    }
    if (config.fieldManager() == null || config.fieldManager().isEmpty()) {
      throw new IllegalArgumentException(
          "server-side apply needs a field manager: set fieldManager in the options or"
              + " Config.fieldManager");
    }
    return Map.of("fieldManager", config.fieldManager());
  }

  /** A response whose headers arrived, and when its attempt's time runs out (0: never). */
  record Sent(HttpResponse<InputStream> response, long deadlineNanos) {
    /**
     * Closes the body at the deadline (setting `expired`), so a trickle cannot outlast it; null
     * when there is none.
     */
    ScheduledFuture<?> deadline(ScheduledExecutorService timers, AtomicBoolean expired) {
      if (deadlineNanos == 0) {
        return null;
      }
      return timers.schedule(
          () -> {
            expired.set(true);
            closeQuietly(response.body());
          },
          Math.max(0, deadlineNanos - System.nanoTime()),
          TimeUnit.NANOSECONDS);
    }
  }

  /**
   * Sends a call to `target` until it succeeds or may not be retried: retries after 429/503 and
   * connection errors as {@link Retry} says, once with fresh credentials after a 401; a failure
   * becomes an ApiException.
   */
  Sent exchange(Call call, String target, Duration timeout) {
    String method = call.method();
    String url = Urls.redacted(target);
    boolean refreshed = false;
    for (int attempt = 0; ; attempt++) {
      long started = System.nanoTime();
      HttpResponse<InputStream> response;
      try {
        response = once(call, target, timeout);
      } catch (ConnectionException e) {
        Duration delay = afterError(attempt, method, e);
        if (delay == null) {
          throw e;
        }
        pause(delay, method, url);
        continue;
      }
      List<String> warnings = warnings(response.headers());
      if (config.onWarning() != null) {
        warnings.forEach(config.onWarning());
      }
      int code = response.statusCode();
      if (code >= 200 && code < 300) {
        return new Sent(response, positive(timeout) ? started + timeout.toNanos() : 0);
      }
      byte[] body = failureBody(response);
      if (code == 401 && !refreshed && credentials.forget()) {
        refreshed = true;
        continue;
      }
      Duration delay = afterResponse(attempt, method, response);
      if (delay != null) {
        pause(delay, method, url);
        continue;
      }
      throw ApiException.of(code, ApiStatus.ofFailure(code, body), method, url, warnings);
    }
  }

  private HttpResponse<InputStream> once(Call call, String target, Duration timeout) {
    String url = Urls.redacted(target);
    HttpRequest.Builder request;
    try {
      request = HttpRequest.newBuilder(new URI(target));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new ConfigException("not a URL: " + url + ": " + e.getMessage(), e);
    }
    byte[] body = call.body();
    request.method(
        call.method(),
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    if (positive(timeout)) {
      request.timeout(timeout);
    }
    request.header("Accept", "application/json");
    if (body != null) {
      request.header("Content-Type", call.contentType());
    }
    call.headers().forEach(request::setHeader);
    String authorization = credentials.header();
    if (authorization != null) {
      request.setHeader("Authorization", authorization);
    }
    if (config.userAgent() != null) {
      request.setHeader("User-Agent", config.userAgent());
    }
    request.setHeader("Accept-Encoding", "gzip"); // inflated by Bodies, within its limit
    try {
      return http.send(request.build(), info -> new QueuedBody());
    } catch (HttpTimeoutException e) {
      throw new ConnectionException(
          call.method()
              + " "
              + url
              + ": no response within "
              + timeout.toSeconds()
              + " s (Config.timeout)",
          e);
    } catch (IOException e) {
      throw new ConnectionException(call.method() + " " + url + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectionException(call.method() + " " + url + ": interrupted", e);
    }
  }

  /**
   * The start of a failed response's body (to read its Status); what cannot be read is left out.
   */
  private static byte[] failureBody(HttpResponse<InputStream> response) {
    try (InputStream content = Bodies.content(response, FAILURE_BODY_LIMIT, FAILURE_BODY_LIMIT)) {
      return Bodies.readAll(content);
    } catch (IOException | KubeException e) {
      return new byte[0];
    } finally {
      closeQuietly(response.body());
    }
  }

  /** The wait before retrying after a 429 or 503, or null when it is not retried. */
  private Duration afterResponse(int attempt, String method, HttpResponse<InputStream> response) {
    int code = response.statusCode();
    Retry retry = config.retry();
    if (attempt >= retry.attempts() || (code != 429 && code != 503)) {
      return null;
    }
    Duration after = retryAfter(response.headers().firstValue("Retry-After").orElse(""));
    if (after != null) {
      return after.compareTo(retry.maxWait()) > 0 ? retry.maxWait() : after;
    }
    if (code == 503 && !IDEMPOTENT.contains(method)) {
      return null; // a proxy may send it after the server acted
    }
    return backoff(attempt);
  }

  /**
   * The wait before retrying after a connection error, or null: not for writes, TLS refusals or
   * credentials.
   */
  Duration afterError(int attempt, String method, KubeException error) {
    if (attempt >= config.retry().attempts() || !IDEMPOTENT.contains(method) || tlsFailure(error)) {
      return null;
    }
    return backoff(attempt);
  }

  Duration backoff(int attempt) {
    Retry retry = config.retry();
    Duration delay = retry.backoff();
    for (int i = 0; i < attempt && delay.compareTo(retry.maxWait()) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(retry.maxWait()) > 0 ? retry.maxWait() : delay;
  }

  /** Whether a certificate was refused, by us or by the server: that does not change on retry. */
  private static boolean tlsFailure(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof SSLException || cause instanceof CertificateException) {
        return true;
      }
    }
    return false;
  }

  /** Retry-After: seconds, or an HTTP date; null when absent or unreadable. */
  static Duration retryAfter(String value) {
    if (value.isBlank()) {
      return null;
    }
    try {
      double seconds = Double.parseDouble(value.strip());
      return Double.isFinite(seconds)
          ? Duration.ofMillis((long) (Math.max(0, Math.min(seconds, 1e9)) * 1000))
          : null;
    } catch (NumberFormatException e) {
      try {
        Duration wait =
            Duration.between(
                ZonedDateTime.now(),
                ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME));
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }

  void pause(Duration delay, String method, String url) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectionException(method + " " + url + ": interrupted while waiting to retry", e);
    }
  }

  /** The texts of Warning headers (`299 - "text"`). */
  static List<String> warnings(HttpHeaders headers) {
    List<String> texts = new ArrayList<>();
    for (String value : headers.allValues("Warning")) {
      Matcher m = WARNING.matcher(value);
      while (m.find()) {
        texts.add(m.group(1).replaceAll("\\\\(.)", "$1"));
      }
    }
    return texts;
  }

  /** The configuration the client was made from (its namespace, say). */
  public Config config() {
    return config;
  }

  String base() {
    return base;
  }

  ScheduledExecutorService timers() {
    return timers;
  }

  /** A configured limit, or its default when not positive. */
  static long limit(long value) {
    return value > 0 ? value : Long.MAX_VALUE / 4;
  }

  static boolean positive(Duration duration) {
    return duration != null && !duration.isNegative() && !duration.isZero();
  }

  static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // closing a stream that failed: nothing more to learn
    }
  }

  /**
   * The server's URL without query, fragment or trailing slash; ConfigException when it is not
   * http(s).
   */
  private static String base(String server) {
    if (server == null || server.isEmpty()) {
      throw new ConfigException(
          "Config.server is not set: give the API server's URL, such as https://10.0.0.1:6443");
    }
    try {
      URI uri = new URI(server);
      String scheme =
          uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
      if ((!scheme.equals("https") && !scheme.equals("http")) || uri.getHost() == null) {
        throw new ConfigException(
            "Config.server " + Urls.redacted(server) + " is not an http(s) URL");
      }
      String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
      return scheme + "://" + uri.getRawAuthority() + path;
    } catch (URISyntaxException e) {
      throw new ConfigException(
          "Config.server " + Urls.redacted(server) + " is not an http(s) URL");
    }
  }

  private static ProxySelector proxy(String proxyUrl) {
    try {
      URI uri = new URI(proxyUrl);
      if (!"http".equalsIgnoreCase(uri.getScheme())
          || uri.getHost() == null
          || uri.getRawUserInfo() != null) {
        throw new ConfigException(
            "proxy-url "
                + Urls.redacted(proxyUrl)
                + " is not supported: give an http:// proxy without credentials");
      }
      return ProxySelector.of(
          InetSocketAddress.createUnresolved(
              uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort()));
    } catch (URISyntaxException e) {
      throw new ConfigException("proxy-url " + Urls.redacted(proxyUrl) + " is not a URL");
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public String toString() {
    return "ApiClient{" + config + "}";
  }
}
