// kgen:header

package kgen.templates.java.runtime;

/**
 * A request that got no complete answer: refused, reset, TLS failed, or the per-attempt deadline
 * passed. A write may or may not have been carried out.
 */
public class ConnectionException extends KubeException {
  private static final long serialVersionUID = 1L;

  public ConnectionException(String message) {
    super(message);
  }

  public ConnectionException(String message, Throwable cause) {
    super(message, cause);
  }
}
