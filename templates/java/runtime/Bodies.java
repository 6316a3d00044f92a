// kgen:header

package kgen.templates.java.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Response bodies read within the client's limits: a Content-Length past the limit is refused
 * before reading (and never used to allocate), the body is counted as it arrives, and gzip is
 * inflated in bounded steps, so neither an endless body nor a bomb makes the client hold more than
 * its limits.
 */
final class Bodies {
  private static final int STEP = 64 << 10;

  private Bodies() {}

  /** The content of a response's body: bounded as received and, for gzip, as inflated. */
  static InputStream content(HttpResponse<InputStream> response, long maxBytes, long maxInflated) {
    String method = response.request().method();
    String url = Urls.redacted(response.uri().toString());
    long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
    if (length > maxBytes) {
      throw new ResponseTooLargeException("Content-Length", maxBytes, method, url);
    }
    InputStream body = new Bounded(response.body(), maxBytes, "the response", method, url);
    String encoding = response.headers().firstValue("Content-Encoding").orElse("").strip();
    if (!encoding.equalsIgnoreCase("gzip")) {
      return body;
    }
    return new Bounded(
        new Inflating(body, method + " " + url),
        maxInflated,
        "the decompressed response",
        method,
        url);
  }

  /**
   * A gzip body inflated as it is read. The inflater starts at the first read, so reading its
   * header happens under the caller's deadline (or a watch's idle timer), never before it; a body
   * that is not gzip is a DecodeException.
   */
  static final class Inflating extends Bulk {
    private final InputStream body;
    private final String request;
    private GZIPInputStream inflater;

    Inflating(InputStream body, String request) {
      this.body = body;
      this.request = request;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        if (inflater == null) {
          inflater = new GZIPInputStream(body, STEP);
        }
        return inflater.read(b, off, len);
      } catch (ZipException e) {
        throw new DecodeException(
            "a gzip body that is corrupt (" + request + "): " + e.getMessage(), e);
      }
    }

    @Override
    public void close() throws IOException {
      body.close();
    }
  }

  /** All of `in`, read a step at a time. */
  static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] step = new byte[STEP];
    for (int n; (n = in.read(step)) >= 0; ) {
      out.write(step, 0, n);
    }
    return out.toByteArray();
  }

  /**
   * A stream that throws ResponseTooLargeException past `limit` bytes (it reads one byte more to
   * know).
   */
  static final class Bounded extends Bulk {
    private final InputStream in;
    private final long limit;
    private long left;
    private final String what;
    private final String method;
    private final String url;

    Bounded(InputStream in, long limit, String what, String method, String url) {
      this.in = in;
      this.limit = limit;
      this.left = limit;
      this.what = what;
      this.method = method;
      this.url = url;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, (int) Math.min(len, left + 1));
      if (n > 0) {
        left -= n;
        if (left < 0) {
          throw new ResponseTooLargeException(what, limit, method, url);
        }
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /**
   * A stream read in runs: a single byte is read as a run of one (never around the run's checks).
   */
  abstract static class Bulk extends InputStream {
    @Override
    public abstract int read(byte[] b, int off, int len) throws IOException;

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }
  }
}
