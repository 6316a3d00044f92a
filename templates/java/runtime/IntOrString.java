// kgen:header

package kgen.templates.java.runtime;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Objects;

/**
 * A Kubernetes int-or-string ({@code 8080} or {@code "http"}): it stays the kind it came as, so
 * that it is sent back as it was.
 */
public sealed interface IntOrString permits IntOrString.Int, IntOrString.Str {
  /** Reads a JSON integer (32 bits) or string. */
  JsonCodec<IntOrString> CODEC =
      new JsonCodec<>() {
        @Override
        public IntOrString read(JsonParser p) throws IOException {
          if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            return new Int(p.getIntValue());
          }
          if (p.currentToken() == JsonToken.VALUE_STRING) {
            return new Str(SharedText.text(p));
          }
          throw Json.mismatch(p, "an integer or a string");
        }

        @Override
        public void write(JsonGenerator g, IntOrString value) throws IOException {
          if (value instanceof Int i) {
            g.writeNumber(i.value());
          } else {
            g.writeString(((Str) value).value());
          }
        }
      };

  /** The integer form. */
  static IntOrString of(int value) {
    return new Int(value);
  }

  /** The string form. */
  static IntOrString of(String value) {
    return new Str(value);
  }

  /** The integer form, sent as a JSON number. */
  record Int(int value) implements IntOrString {
    @Override
    public String toString() {
      return Integer.toString(value);
    }
  }

  /** The string form, sent as a JSON string. */
  record Str(String value) implements IntOrString {
    public Str {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
      return value;
    }
  }
}
