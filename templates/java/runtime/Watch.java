// kgen:header

package kgen.templates.java.runtime;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The changes to a collection as they happen: ADDED, MODIFIED and DELETED events. It asks for
 * bookmarks and remembers the resourceVersion of the last event, so a dropped or silent connection
 * (or the server's own timeout) resumes from there with nothing lost or repeated. When that version
 * has expired the server answers 410 (or sends an ERROR event saying so) and hasNext() throws
 * GoneException: list again, and watch from the list's resourceVersion. A watch ends when closed
 * (from any thread), when the call set timeoutSeconds and the server ends it, or with the exception
 * it cannot resume from.
 *
 * <pre>{@code
 * try (Watch<ConfigMap> watch = api.watchNamespacedConfigMap("default", options)) {
 *   while (watch.hasNext()) {
 *     WatchEvent<ConfigMap> event = watch.next();
 *   }
 * }
 * }</pre>
 */
public final class Watch<T> implements Iterator<WatchEvent<T>>, AutoCloseable {
  private static final int STEP = 64 << 10;

  private final ApiClient client;
  private final Call call;
  private final JsonCodec<T> codec;
  private final boolean ends;
  private String version;
  private InputStream stream;
  private String url;
  private byte[] buffer = new byte[STEP];
  private int start;
  private int end;
  private ScheduledFuture<?> idle;
  private volatile boolean stalled;
  private volatile boolean done;
  private WatchEvent<T> next;
  private int failures;
  private boolean received;

  Watch(ApiClient client, Call call, JsonCodec<T> codec) {
    this.client = client;
    this.call = call;
    this.codec = codec;
    this.version = call.queryValue("resourceVersion");
    this.ends = call.queryValue("timeoutSeconds") != null;
  }

  /**
   * Whether there is another event, waiting for it; throws what ended the watch when it cannot
   * resume.
   */
  @Override
  public boolean hasNext() {
    if (next == null && !done) {
      try {
        next = advance();
      } catch (RuntimeException e) {
        close();
        throw e;
      }
    }
    return next != null;
  }

  @Override
  public WatchEvent<T> next() {
    if (!hasNext()) {
      throw new NoSuchElementException("the watch has ended");
    }
    WatchEvent<T> event = next;
    next = null;
    return event;
  }

  /** Where the watch stands: a resourceVersion to start a later watch from (null before any). */
  public String resourceVersion() {
    return version;
  }

  /** Ends the watch and closes its connection; any thread may call it. */
  @Override
  public synchronized void close() {
    done = true;
    disconnect();
  }

  private WatchEvent<T> advance() {
    while (!done) {
      if (stream == null && !connect()) {
        continue;
      }
      byte[] line;
      try {
        line = readLine();
      } catch (IOException e) {
        disconnect();
        if (!done) {
          resumeAfter(streamError(e));
        }
        continue;
      }
      rearm();
      if (line == null) { // the server ended the stream
        disconnect();
        if (ends) {
          done = true;
        } else if (!received) {
          pause(client.backoff(failures));
        }
        received = false;
        continue;
      }
      if (isBlank(line)) {
        continue;
      }
      WatchEvent<T> event = decode(line);
      failures = 0;
      received = true;
      if (event != null) {
        return event;
      }
    }
    return null;
  }

  /** Connects from the last version; false after a connection error it will resume from. */
  private boolean connect() {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("continue", null);
    query.put("limit", null);
    query.put("watch", "true");
    query.put("allowWatchBookmarks", "true");
    query.put("resourceVersion", version);
    String target = client.base() + call.target(query);
    url = Urls.redacted(target);
    ApiClient.Sent sent;
    try {
      sent = client.exchange(call, target, client.config().watchIdle());
    } catch (ConnectionException e) {
      resumeAfter(e);
      return false;
    }
    // a watch lasts: its events are bounded, not its whole
    InputStream content = Bodies.content(sent.response(), Long.MAX_VALUE / 4, Long.MAX_VALUE / 4);
    synchronized (this) {
      if (done) {
        ApiClient.closeQuietly(content);
        return false;
      }
      stream = content;
      start = 0;
      end = 0;
      stalled = false;
      rearm();
    }
    return true;
  }

  /**
   * Restarts the idle timer: a connection without a whole event for Config.watchIdle is closed (a
   * watchIdle that is null or not positive: never).
   */
  private synchronized void rearm() {
    if (idle != null) {
      idle.cancel(false);
    }
    InputStream current = stream;
    if (current != null && ApiClient.positive(client.config().watchIdle())) {
      idle =
          client
              .timers()
              .schedule(
                  () -> {
                    stalled = true;
                    ApiClient.closeQuietly(current);
                  },
                  client.config().watchIdle().toNanos(),
                  TimeUnit.NANOSECONDS);
    }
  }

  private synchronized void disconnect() {
    if (idle != null) {
      idle.cancel(false);
      idle = null;
    }
    if (stream != null) {
      ApiClient.closeQuietly(stream);
      stream = null;
    }
  }

  /** Waits as the retry policy says and goes on, or throws `error` when it says no. */
  private void resumeAfter(KubeException error) {
    java.time.Duration delay = client.afterError(failures, "GET", error);
    if (delay == null) {
      throw error;
    }
    pause(delay);
  }

  private void pause(java.time.Duration delay) {
    failures++;
    client.pause(delay, "GET", url);
  }

  private ConnectionException streamError(IOException e) {
    if (stalled) {
      return new ConnectionException(
          "GET "
              + url
              + ": no whole watch event within "
              + client.config().watchIdle().toSeconds()
              + " s (Config.watchIdle)",
          e);
    }
    return new ConnectionException("GET " + url + ": " + e, e);
  }

  /**
   * One line of the stream, up to Config.maxWatchLineBytes (a line is an event); null at the
   * stream's end. The buffer grows by doubling while a line is longer than it, never past the
   * limit.
   */
  private byte[] readLine() throws IOException {
    long limit = ApiClient.limit(client.config().maxWatchLineBytes());
    int scanned = start;
    while (true) {
      for (int i = scanned; i < end; i++) {
        if (buffer[i] == '\n') {
          byte[] line = Arrays.copyOfRange(buffer, start, i);
          start = i + 1;
          return line;
        }
      }
      scanned = end;
      if (end - start > limit) {
        throw new ResponseTooLargeException("a watch event", limit, "GET", url);
      }
      if (start > 0) {
        System.arraycopy(buffer, start, buffer, 0, end - start);
        end -= start;
        scanned -= start;
        start = 0;
      }
      if (end == buffer.length) {
        buffer =
            Arrays.copyOf(
                buffer,
                (int)
                    Math.min((long) buffer.length * 2, Math.min(limit + 1, Integer.MAX_VALUE - 8)));
      }
      int n = stream.read(buffer, end, buffer.length - end);
      if (n < 0) {
        if (end > start) {
          throw new IOException("the stream ended inside an event");
        }
        return null;
      }
      end += n;
    }
  }

  private static boolean isBlank(byte[] line) {
    for (byte b : line) {
      if (b != ' ' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  /**
   * An event to return, or null for a bookmark (its version kept); an ERROR event is thrown as its
   * ApiException.
   */
  private WatchEvent<T> decode(byte[] line) {
    Object envelope;
    try {
      envelope = JsonValues.parse(line);
    } catch (DecodeException e) {
      throw new DecodeException(
          "a watch event that is not JSON (GET " + url + "): " + e.getMessage(), e);
    }
    String type = JsonValues.string(envelope, "type");
    Object object = JsonValues.member(envelope, "object");
    String seen = JsonValues.string(JsonValues.member(object, "metadata"), "resourceVersion");
    switch (type) {
      case "ADDED":
      case "MODIFIED":
      case "DELETED":
        {
          T value = object(line, type);
          if (!seen.isEmpty()) {
            version = seen;
          }
          return new WatchEvent<>(type, value);
        }
      case "BOOKMARK":
        if (!seen.isEmpty()) {
          version = seen;
        }
        return null;
      case "ERROR":
        {
          ApiStatus status = ApiStatus.of(object);
          String reason = status.reason();
          int code =
              status.code() != 0
                  ? status.code()
                  : "Expired".equals(reason) || "Gone".equals(reason) ? 410 : 500;
          throw ApiException.of(code, status, "GET", url, List.of());
        }
      default:
        throw new DecodeException(
            "a watch event of unknown type " + Strings.quoted(type) + " (GET " + url + ")");
    }
  }

  /** The event's object, decoded with the codec. */
  private T object(byte[] line, String type) {
    try (JsonParser p = Json.FACTORY.createParser(line)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        if (name.equals("object")) {
          return Json.read(p, codec);
        }
        p.skipChildren();
      }
      throw new DecodeException("a " + type + " event without an object (GET " + url + ")");
    } catch (IOException e) {
      throw new DecodeException(
          "decoding a " + type + " event (GET " + url + "): " + e.getMessage(), e);
    }
  }
}
