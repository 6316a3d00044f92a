// kgen:header

package kgen.templates.java.runtime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request, built by a generated method: its method, path (template filled with percent-encoded
 * arguments), query, headers and body. A path argument that would address more than one object is
 * refused here, before anything is sent; the body is encoded when it is set.
 */
public final class Call {
  private final String method;
  private final String pathTemplate;
  private final Map<String, String> pathValues = new LinkedHashMap<>();
  private final List<String[]> query = new ArrayList<>();
  private final List<String[]> form = new ArrayList<>();
  private final Map<String, String> headers = new LinkedHashMap<>();
  private byte[] body;
  private String contentType;

  private Call(String method, String pathTemplate) {
    this.method = method;
    this.pathTemplate = pathTemplate;
  }

  /**
   * A call of `method` on `pathTemplate` (the document's path, base path prefixed, with {name}
   * placeholders).
   */
  public static Call of(String method, String pathTemplate) {
    return new Call(method, pathTemplate);
  }

  /** Fills the placeholder {name}; refuses null, "", ".", "..", and values holding "/" or "%2F". */
  public Call path(String name, String value) {
    if (value == null
        || value.isEmpty()
        || value.equals(".")
        || value.equals("..")
        || value.contains("/")
        || value.toLowerCase(Locale.ROOT).contains("%2f")) {
      throw new InvalidPathArgumentException(name, value);
    }
    pathValues.put(name, value);
    return this;
  }

  /**
   * Adds a query parameter: null is omitted, a List is one pair per item, anything else is sent as
   * text.
   */
  public Call query(String name, Object value) {
    add(query, name, value);
    return this;
  }

  /**
   * Adds a form parameter, sent in an application/x-www-form-urlencoded body when the call has no
   * other body: null is omitted, a List is one pair per item, bytes are sent as their UTF-8 text.
   */
  public Call form(String name, Object value) {
    add(form, name, value);
    return this;
  }

  private static void add(List<String[]> pairs, String name, Object value) {
    if (value instanceof List<?> items) {
      for (Object item : items) {
        add(pairs, name, item);
      }
    } else if (value != null) {
      pairs.add(new String[] {name, text(value)});
    }
  }

  /** A JSON body (application/json). */
  public <B> Call body(B body, JsonCodec<B> codec) {
    return body(body, codec, "application/json");
  }

  /**
   * A body sent with `contentType` (a patch type, or application/apply-patch+yaml, whose YAML may
   * be JSON).
   */
  public <B> Call body(B body, JsonCodec<B> codec, String contentType) {
    this.body = body == null ? null : Json.encode(body, codec);
    this.contentType = body == null ? null : contentType;
    return this;
  }

  /** Sets a header (replacing one of the same name). */
  public Call header(String name, String value) {
    if (value != null) {
      headers.put(name, value);
    }
    return this;
  }

  String method() {
    return method;
  }

  Map<String, String> headers() {
    return headers;
  }

  /** The encoded body (the form parameters' when no other is set), or null. */
  byte[] body() {
    if (body == null && !form.isEmpty()) {
      return urlencoded(form).getBytes(StandardCharsets.US_ASCII);
    }
    return body;
  }

  String contentType() {
    return body == null && !form.isEmpty() ? "application/x-www-form-urlencoded" : contentType;
  }

  /** The first value of the query parameter `name`, or null. */
  String queryValue(String name) {
    return query.stream()
        .filter(pair -> pair[0].equals(name))
        .map(pair -> pair[1])
        .findFirst()
        .orElse(null);
  }

  /**
   * The path and query to append to the server's URL: placeholders filled, every piece
   * percent-encoded.
   */
  String target() {
    return target(Map.of());
  }

  /**
   * The target with the query parameters `replaced` names dropped and, where their value is not
   * null, set anew at the end (a watch's watch, resourceVersion and bookmarks).
   */
  String target(Map<String, String> replaced) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (at < pathTemplate.length()) {
      int open = pathTemplate.indexOf('{', at);
      int close = open < 0 ? -1 : pathTemplate.indexOf('}', open);
      int reopen = open < 0 ? -1 : pathTemplate.indexOf('{', open + 1);
      if (open < 0 || close < 0) {
        appendText(out, pathTemplate.substring(at));
        break;
      }
      if (reopen >= 0 && reopen < close) { // "{" before any "}": the first brace is text
        appendText(out, pathTemplate.substring(at, reopen));
        at = reopen;
        continue;
      }
      appendText(out, pathTemplate.substring(at, open));
      String name = pathTemplate.substring(open + 1, close);
      String value = pathValues.get(name);
      if (value == null) {
        throw new InvalidPathArgumentException(name, null);
      }
      out.append(escape(value, false));
      at = close + 1;
    }
    List<String[]> pairs = new ArrayList<>();
    query.stream().filter(pair -> !replaced.containsKey(pair[0])).forEach(pairs::add);
    replaced.forEach(
        (name, value) -> {
          if (value != null) {
            pairs.add(new String[] {name, value});
          }
        });
    if (!pairs.isEmpty()) {
      out.append('?').append(urlencoded(pairs));
    }
    return out.toString();
  }

  /** Name=value pairs joined by "&", each side percent-encoded: a query string or a form body. */
  private static String urlencoded(List<String[]> pairs) {
    StringBuilder out = new StringBuilder();
    for (String[] pair : pairs) {
      out.append(out.length() == 0 ? "" : "&").append(escape(pair[0], true));
      out.append('=').append(escape(pair[1], true));
    }
    return out.toString();
  }

  /** Template text: each segment escaped, its slashes kept. */
  private static void appendText(StringBuilder out, String text) {
    String[] segments = text.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      out.append(i == 0 ? "" : "/").append(escape(segments[i], false));
    }
  }

  /**
   * Percent-encodes UTF-8 bytes but the unreserved ones (and, in a path segment, sub-delimiters
   * that are safe there).
   */
  static String escape(String text, boolean inQuery) {
    StringBuilder out = new StringBuilder(text.length());
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      boolean unreserved =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "-._~".indexOf(c) >= 0;
      if (unreserved || (!inQuery && ":@!$&'()*+=".indexOf(c) >= 0)) {
        out.append((char) c);
      } else {
        out.append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return out.toString();
  }

  /**
   * A query or form value as text: numbers without a needless ".0", booleans as true/false, bytes
   * as UTF-8, others by toString().
   */
  private static String text(Object value) {
    if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString(d.longValue());
    }
    if (value instanceof byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    return value.toString();
  }
}
