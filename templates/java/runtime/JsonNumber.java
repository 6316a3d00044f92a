// kgen:header

package kgen.templates.java.runtime;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * A JSON number kept as its exact token ({@code 1.0}, {@code 1e3}, {@code 12345678901234567890}),
 * so that a value read and written back is byte-for-byte the one that came.
 */
public final class JsonNumber {
  private static final Pattern GRAMMAR =
      Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?");

  /** Reads a number token. */
  public static final JsonCodec<JsonNumber> CODEC =
      new JsonCodec<>() {
        @Override
        public JsonNumber read(JsonParser p) throws IOException {
          JsonToken token = p.currentToken();
          if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
            throw Json.mismatch(p, "a number");
          }
          return new JsonNumber(p.getText());
        }

        @Override
        public void write(JsonGenerator g, JsonNumber value) throws IOException {
          g.writeNumber(value.token);
        }
      };

  private final String token;

  private JsonNumber(String token) {
    this.token = token;
  }

  /**
   * The number spelled {@code token}.
   *
   * @throws IllegalArgumentException if the token is not a JSON number
   */
  public static JsonNumber of(String token) {
    if (token == null
        || token.length() > Json.MAX_NUMBER_LENGTH
        || !GRAMMAR.matcher(token).matches()) {
      throw new IllegalArgumentException("not a JSON number: " + token);
    }
    return new JsonNumber(token);
  }

  /** The integer {@code value}. */
  public static JsonNumber of(long value) {
    return new JsonNumber(Long.toString(value));
  }

  /**
   * The finite number {@code value}.
   *
   * @throws IllegalArgumentException for NaN and the infinities, which JSON cannot hold
   */
  public static JsonNumber of(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("JSON has no number " + value);
    }
    return new JsonNumber(Double.toString(value));
  }

  /** The number, exactly. */
  public BigDecimal bigDecimalValue() {
    return new BigDecimal(token);
  }

  /**
   * The number as a long.
   *
   * @throws ArithmeticException if it has a fraction or does not fit
   */
  public long longValue() {
    return bigDecimalValue().longValueExact();
  }

  /** The nearest double. */
  public double doubleValue() {
    return Double.parseDouble(token);
  }

  /** The token as it was written. */
  @Override
  public String toString() {
    return token;
  }

  /** Equal tokens: {@code 1.0} and {@code 1} differ, as they do on the wire. */
  @Override
  public boolean equals(Object other) {
    return other instanceof JsonNumber n && n.token.equals(token);
  }

  @Override
  public int hashCode() {
    return token.hashCode();
  }
}
