// kgen:header

package kgen.templates.java.runtime;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Objects;

/**
 * A Kubernetes quantity ({@code "500m"}, {@code "1Gi"}, or a JSON number such as {@code 0.5}), kept
 * as the exact token it came as, so that it is sent back exactly as it came.
 */
public final class Quantity {
  /** Reads a JSON string or number. */
  public static final JsonCodec<Quantity> CODEC =
      new JsonCodec<>() {
        @Override
        public Quantity read(JsonParser p) throws IOException {
          if (p.currentToken() == JsonToken.VALUE_STRING) {
            return SharedText.value(new Quantity(SharedText.text(p), false));
          }
          return SharedText.value(new Quantity(JsonNumber.CODEC.read(p).toString(), true));
        }

        @Override
        public void write(JsonGenerator g, Quantity value) throws IOException {
          if (value.number) {
            g.writeNumber(value.text);
          } else {
            g.writeString(value.text);
          }
        }
      };

  private final String text;
  private final boolean number;

  private Quantity(String text, boolean number) {
    this.text = text;
    this.number = number;
  }

  /** The quantity written as the string {@code text}, such as {@code "500m"}. */
  public static Quantity of(String text) {
    return new Quantity(Objects.requireNonNull(text, "text"), false);
  }

  /** The quantity written as the JSON number {@code number}, such as {@code 0.5}. */
  public static Quantity of(JsonNumber number) {
    return new Quantity(number.toString(), true);
  }

  /** Whether it came (or goes) as a JSON number rather than a string. */
  public boolean isNumber() {
    return number;
  }

  /** The quantity as written, without quotes: {@code 500m}, {@code 0.5}. */
  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Quantity q && q.number == number && q.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode() * 31 + Boolean.hashCode(number);
  }
}
