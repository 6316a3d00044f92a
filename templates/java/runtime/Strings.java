// kgen:header

package kgen.templates.java.runtime;

/** Text as the runtime's messages show it. */
final class Strings {
  private Strings() {}

  /** A value in double quotes, its quotes, backslashes and control characters escaped. */
  static String quoted(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
