// kgen:header

package kgen.templates.java.runtime;

/**
 * A body that does not fit the type it decodes into (or is not JSON, or breaks the parser's
 * limits). The server did act: a write answered so was carried out.
 */
public class DecodeException extends KubeException {
  private static final long serialVersionUID = 1L;

  public DecodeException(String message) {
    super(message);
  }

  public DecodeException(String message, Throwable cause) {
    super(message, cause);
  }
}
