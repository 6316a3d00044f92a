// kgen:header
package kgen.templates.java.runtime;

import java.util.List;
import java.util.Map;

/**
 * A kubeconfig user's exec credential plugin: a program run without a shell whose ExecCredential output gives
 * a token or a client certificate.
 *
 * @param command the program (a path, or a name looked up on PATH)
 * @param args its arguments
 * @param env variables added to the client's environment
 * @param apiVersion the client.authentication.k8s.io version it speaks
 * @param interactiveMode Never, IfAvailable or Always
 * @param provideClusterInfo whether KUBERNETES_EXEC_INFO carries the cluster
 */
public record ExecConfig(String command, List<String> args, Map<String, String> env, String apiVersion,
    String interactiveMode, boolean provideClusterInfo) {}
