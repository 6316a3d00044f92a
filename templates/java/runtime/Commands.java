// kgen:header

package kgen.templates.java.runtime;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Exec plugin commands: where they resolve, and whether an allowlist lets them run. */
final class Commands {
  private Commands() {}

  /**
   * The command exactly as written, or the executable it resolves to (or its real path); a base
   * name never matches a path.
   */
  static boolean allowed(String written, String command, List<String> allowlist) {
    if (allowlist.contains(written)) {
      return true;
    }
    Path found = resolve(command);
    if (found == null) {
      return false;
    }
    if (allowlist.contains(found.toString())) {
      return true;
    }
    try {
      return allowlist.contains(found.toRealPath().toString());
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The executable a command names: a path as it is, a name found on PATH; null when there is none.
   */
  static Path resolve(String command) {
    if (command.contains("/") || command.contains(File.separator)) {
      Path path = Path.of(command).toAbsolutePath();
      return Files.isExecutable(path) ? path : null;
    }
    String searched = System.getenv("PATH");
    for (String directory : (searched == null ? "" : searched).split(File.pathSeparator)) {
      if (!directory.isEmpty()) {
        Path candidate = Path.of(directory, command).toAbsolutePath();
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    return null;
  }
}
