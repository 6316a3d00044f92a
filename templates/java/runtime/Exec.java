// kgen:header

package kgen.templates.java.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** Exec credential plugins (client.authentication.k8s.io/v1 and v1beta1), run without a shell. */
final class Exec {
  static final List<String> API_VERSIONS =
      List.of("client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1");
  private static final long TIMEOUT_SECONDS = 120;
  private static final int OUTPUT_LIMIT = 4 << 20;

  /** A line of a plugin's stderr that names a credential or holds a token-like run is not shown. */
  private static final Pattern SECRET_LINE =
      Pattern.compile(
          "(?i)token|secret|password|passwd|bearer|credential|authorization|private|[A-Za-z0-9+=_.~-]{24,}");

  private static final int STDERR_LINES = 5;
  private static final int STDERR_CHARS = 500;

  private Exec() {}

  /**
   * A plugin's result: a token and/or a client certificate with its key (PEM), until `expires`
   * (null: until rejected).
   */
  record Result(String token, byte[] certificate, byte[] key, Instant expires) {
    boolean expired() {
      return expires != null && !Instant.now().isBefore(expires);
    }
  }

  static Result run(ExecConfig plugin) {
    String interactiveMode =
        plugin.interactiveMode() == null ? "IfAvailable" : plugin.interactiveMode();
    boolean terminal = System.console() != null;
    if (interactiveMode.equals("Always") && !terminal) {
      throw new ConfigException(
          "exec plugin "
              + Strings.quoted(plugin.command())
              + " needs an interactive terminal (interactiveMode Always), and there is none");
    }
    boolean interactive = terminal && !interactiveMode.equals("Never");
    List<String> command = new ArrayList<>();
    command.add(plugin.command());
    command.addAll(plugin.args());
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("KUBERNETES_EXEC_INFO", info(plugin, interactive));
    builder.environment().putAll(plugin.env());
    builder.redirectInput(
        interactive ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.PIPE);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      String hint =
          plugin.installHint() == null || plugin.installHint().isEmpty()
              ? ""
              : "; " + plugin.installHint();
      throw new ConfigException(
          "exec plugin "
              + Strings.quoted(plugin.command())
              + " could not run: "
              + e.getMessage()
              + hint,
          e);
    }
    try {
      if (!interactive) {
        process.getOutputStream().close();
      }
      CompletableFuture<byte[]> stderr =
          CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
      byte[] stdout = drain(process.getInputStream());
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new ConfigException(
            "exec plugin "
                + Strings.quoted(plugin.command())
                + " did not finish within "
                + TIMEOUT_SECONDS
                + " s");
      }
      if (process.exitValue() != 0) {
        throw new ConfigException(
            "exec plugin "
                + Strings.quoted(plugin.command())
                + " failed with exit code "
                + process.exitValue()
                + ": "
                + shownStderr(new String(stderr.get(), StandardCharsets.UTF_8)));
      }
      return credential(plugin, stdout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConfigException(
          "interrupted while exec plugin " + Strings.quoted(plugin.command()) + " ran", e);
    } catch (ExecutionException e) {
      throw new ConfigException(
          "reading the stderr of exec plugin "
              + Strings.quoted(plugin.command())
              + ": "
              + e.getCause(),
          e);
    } catch (IOException e) {
      throw new ConfigException(
          "exec plugin " + Strings.quoted(plugin.command()) + ": " + e.getMessage(), e);
    } finally {
      process.destroyForcibly();
    }
  }

  /** KUBERNETES_EXEC_INFO: the ExecCredential the plugin is handed. */
  private static String info(ExecConfig plugin, boolean interactive) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("interactive", interactive);
    if (plugin.cluster() != null) {
      spec.put("cluster", plugin.cluster());
    }
    Map<String, Object> credential = new LinkedHashMap<>();
    credential.put("apiVersion", plugin.apiVersion());
    credential.put("kind", "ExecCredential");
    credential.put("spec", spec);
    return JsonValues.text(credential);
  }

  /** All of a stream, up to OUTPUT_LIMIT bytes (a plugin has no reason to print more). */
  private static byte[] drain(InputStream in) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (in;
        OutputStream sink = out) {
      byte[] step = new byte[8192];
      for (int n; (n = in.read(step)) >= 0; ) {
        if (out.size() + n <= OUTPUT_LIMIT) {
          sink.write(step, 0, n);
        }
      }
    } catch (IOException e) {
      // the process ended: what was read is what it printed
    }
    return out.toByteArray();
  }

  static Result credential(ExecConfig plugin, byte[] stdout) {
    String command = Strings.quoted(plugin.command());
    Object credential;
    try {
      credential = JsonValues.parse(stdout);
    } catch (DecodeException e) {
      throw new ConfigException("exec plugin " + command + " did not print an ExecCredential");
    }
    Object status = JsonValues.member(credential, "status");
    if (!(status instanceof Map<?, ?>)) {
      throw new ConfigException("exec plugin " + command + " did not print an ExecCredential");
    }
    String apiVersion = JsonValues.string(credential, "apiVersion");
    if (!apiVersion.equals(plugin.apiVersion())) {
      throw new ConfigException(
          "exec plugin "
              + command
              + " answered apiVersion "
              + Strings.quoted(apiVersion)
              + ", not "
              + Strings.quoted(plugin.apiVersion()));
    }
    String token = JsonValues.string(status, "token");
    String certificate = JsonValues.string(status, "clientCertificateData");
    String key = JsonValues.string(status, "clientKeyData");
    boolean pair = !certificate.isEmpty() && !key.isEmpty();
    if (token.isEmpty() && !pair) {
      throw new ConfigException(
          "exec plugin " + command + " returned neither a token nor a client certificate");
    }
    String expiration = JsonValues.string(status, "expirationTimestamp");
    Instant expires = null;
    if (!expiration.isEmpty()) {
      try {
        expires = OffsetDateTime.parse(expiration).toInstant();
      } catch (DateTimeParseException e) {
        throw new ConfigException(
            "exec plugin " + command + " returned an expirationTimestamp that is not RFC 3339");
      }
    }
    return new Result(
        token,
        pair ? certificate.getBytes(StandardCharsets.UTF_8) : null,
        pair ? key.getBytes(StandardCharsets.UTF_8) : null,
        expires);
  }

  /**
   * The end of a plugin's stderr as errors show it: its last lines, without any that may hold a
   * secret.
   */
  static String shownStderr(String stderr) {
    List<String> lines = new ArrayList<>();
    for (String line : stderr.strip().split("\n")) {
      String trimmed = line.stripTrailing();
      if (!trimmed.isEmpty()) {
        lines.add(SECRET_LINE.matcher(trimmed).find() ? "[redacted]" : trimmed);
      }
    }
    List<String> last = lines.subList(Math.max(0, lines.size() - STDERR_LINES), lines.size());
    String shown = String.join(" | ", last);
    if (shown.length() > STDERR_CHARS) {
      shown = shown.substring(shown.length() - STDERR_CHARS);
    }
    return shown.isEmpty() ? "(no stderr)" : shown;
  }
}
