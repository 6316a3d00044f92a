// kgen:header

package kgen.templates.java.runtime;

/**
 * A configuration the client cannot use: a kubeconfig, credentials, certificates, or in-cluster
 * files; the message says which and why.
 */
public class ConfigException extends KubeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
