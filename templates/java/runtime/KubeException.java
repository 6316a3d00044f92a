// kgen:header

package kgen.templates.java.runtime;

/** Every failure the client reports: unchecked, so an API call reads as one statement. */
public class KubeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public KubeException(String message) {
    super(message);
  }

  public KubeException(String message, Throwable cause) {
    super(message, cause);
  }
}
