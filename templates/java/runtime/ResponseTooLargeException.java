// kgen:header

package kgen.templates.java.runtime;

/**
 * A response past one of the client's limits (Config.maxResponseBytes, maxDecompressedBytes,
 * maxWatchLineBytes); reading stopped there, and the connection was closed.
 */
public class ResponseTooLargeException extends KubeException {
  private static final long serialVersionUID = 1L;

  private final String what;
  private final long limit;

  /** `what` is "the response", "the decompressed response", "Content-Length" or "a watch event". */
  public ResponseTooLargeException(String what, long limit, String method, String url) {
    super(what + " exceeds the client's limit of " + limit + " bytes (" + method + " " + url + ")");
    this.what = what;
    this.limit = limit;
  }

  /** What went past the limit. */
  public String what() {
    return what;
  }

  /** The limit, in bytes. */
  public long limit() {
    return limit;
  }
}
