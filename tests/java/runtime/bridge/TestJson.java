package kgen.templates.java.runtime;

/**
 * The runtime's untyped JSON, opened to the probe (it lives in the runtime's package for that
 * alone).
 */
public final class TestJson {
  private TestJson() {}

  public static Object parse(byte[] body) {
    return JsonValues.parse(body);
  }

  public static String text(Object value) {
    return JsonValues.text(value);
  }
}
