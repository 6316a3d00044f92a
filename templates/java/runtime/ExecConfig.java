// kgen:header

package kgen.templates.java.runtime;

import java.util.List;
import java.util.Map;

/**
 * A kubeconfig user's exec credential plugin: a program run without a shell whose ExecCredential
 * output gives a token or a client certificate, kept until its expirationTimestamp or until the
 * server rejects it.
 *
 * @param command the program (a path, or a name looked up on PATH)
 * @param args its arguments
 * @param env variables added to the client's environment
 * @param apiVersion the client.authentication.k8s.io version it speaks (v1 or v1beta1)
 * @param interactiveMode Never, IfAvailable or Always: whether it may read the terminal
 * @param installHint shown when the command cannot run
 * @param cluster sent in KUBERNETES_EXEC_INFO when the kubeconfig asks (provideClusterInfo), else
 *     null
 */
public record ExecConfig(
    String command,
    List<String> args,
    Map<String, String> env,
    String apiVersion,
    String interactiveMode,
    String installHint,
    Map<String, Object> cluster) {
  public ExecConfig {
    args = List.copyOf(args);
    env = Map.copyOf(env);
  }

  /** The command, never its arguments or environment (they may hold secrets). */
  @Override
  public String toString() {
    return "ExecConfig{command=" + command + "}";
  }
}
