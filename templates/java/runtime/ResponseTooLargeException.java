// kgen:header
package kgen.templates.java.runtime;

/** A response past one of the client's limits (response, decompressed response, Content-Length, watch event); reading stopped there. */
public class ResponseTooLargeException extends KubeException {
  private static final long serialVersionUID = 1L;

  public ResponseTooLargeException(String message) {
    super(message);
  }

  public ResponseTooLargeException(String message, Throwable cause) {
    super(message, cause);
  }
}
