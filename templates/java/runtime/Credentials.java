// kgen:header

package kgen.templates.java.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Base64;

/**
 * The Authorization header: a token, a token file read again when it changes, basic authentication,
 * or an exec plugin's result, kept until it expires or the server rejects it (then {@link #forget}
 * drops it).
 */
final class Credentials {
  private final String token;
  private final Path tokenFile;
  private final String basic;
  private final ExecConfig exec;

  private FileTime modified;
  private long size = -1;
  private String cached;
  private Exec.Result result;

  Credentials(Config config) {
    this.token = config.token();
    this.tokenFile = config.tokenFile();
    this.exec = config.exec();
    boolean basicAuth = config.username() != null || config.password() != null;
    this.basic =
        basicAuth
            ? "Basic "
                + Base64.getEncoder()
                    .encodeToString(
                        ((config.username() == null ? "" : config.username())
                                + ":"
                                + (config.password() == null ? "" : config.password()))
                            .getBytes(StandardCharsets.UTF_8))
            : null;
  }

  /** Whether an exec plugin may give the client certificate. */
  boolean hasExec() {
    return exec != null;
  }

  /**
   * The Authorization header to send now, or null for none; ConfigException when credentials cannot
   * be had.
   */
  String header() {
    if (exec != null) {
      Exec.Result current = execResult();
      return current.token() == null || current.token().isEmpty()
          ? null
          : bearer(current.token(), "exec plugin " + Strings.quoted(exec.command()));
    }
    if (tokenFile != null) {
      return fileToken();
    }
    if (token != null && !token.isEmpty()) {
      return bearer(token, "Config.token");
    }
    return basic;
  }

  /** Drops what the server rejected; whether the next request may carry other credentials. */
  synchronized boolean forget() {
    result = null;
    cached = null;
    return exec != null || tokenFile != null;
  }

  /** The plugin's current result, running it when there is none or it has expired. */
  synchronized Exec.Result execResult() {
    if (result == null || result.expired()) {
      result = Exec.run(exec);
    }
    return result;
  }

  private synchronized String fileToken() {
    try {
      BasicFileAttributes attributes = Files.readAttributes(tokenFile, BasicFileAttributes.class);
      if (cached == null
          || !attributes.lastModifiedTime().equals(modified)
          || attributes.size() != size) {
        String read = new String(Files.readAllBytes(tokenFile), StandardCharsets.UTF_8).strip();
        cached = bearer(read, "token file " + tokenFile);
        modified = attributes.lastModifiedTime();
        size = attributes.size();
      }
      return cached;
    } catch (IOException e) {
      throw new ConfigException("cannot read token file " + tokenFile + ": " + e.getMessage(), e);
    }
  }

  /**
   * The header of a token; a token no header can carry is refused, unseen (java.net.http's own
   * refusal shows it). A token is visible ASCII.
   */
  static String bearer(String token, String source) {
    if (token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
      throw new ConfigException(
          source
              + ": the token holds a character an HTTP header cannot carry (a line break, a space,"
              + " a control character, or one beyond ASCII such as a byte order mark); fix the"
              + " token (it is not shown)");
    }
    return "Bearer " + token;
  }
}
