// kgen:header

package kgen.templates.java.runtime;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/**
 * A JSON value kept as its text: members a model does not know, untyped fields ({@code object}, any
 * JSON value) and FieldsV1. Members keep their order and number tokens their exact spelling; only
 * insignificant whitespace is dropped.
 */
public final class RawJson {
  /** The JSON null. */
  public static final RawJson NULL = new RawJson("null");

  /** Reads any value (the current token and, for objects and arrays, all it holds). */
  public static final JsonCodec<RawJson> CODEC =
      new JsonCodec<>() {
        @Override
        public RawJson read(JsonParser p) throws IOException {
          StringWriter text = new StringWriter();
          try (JsonGenerator g = Json.FACTORY.createGenerator(text)) {
            copy(p, g);
          }
          return new RawJson(text.toString());
        }

        @Override
        public void write(JsonGenerator g, RawJson value) throws IOException {
          g.writeRawValue(value.json);
        }
      };

  private final String json;

  private RawJson(String json) {
    this.json = json;
  }

  /**
   * The value {@code json} spells.
   *
   * @throws DecodeException if it is not one JSON value
   */
  public static RawJson of(String json) {
    RawJson value = Json.decode(json.getBytes(StandardCharsets.UTF_8), CODEC);
    return value == null ? NULL : value;
  }

  /** The JSON of {@code value}, written by its codec. */
  public static <T> RawJson of(T value, JsonCodec<T> codec) {
    return value == null
        ? NULL
        : new RawJson(new String(Json.encode(value, codec), StandardCharsets.UTF_8));
  }

  /**
   * The value read with {@code codec} (null for JSON null).
   *
   * @throws DecodeException if it is not of the codec's type
   */
  public <T> T as(JsonCodec<T> codec) {
    return Json.decode(json.getBytes(StandardCharsets.UTF_8), codec);
  }

  /** Whether this is JSON null. */
  public boolean isNull() {
    return json.equals("null");
  }

  /** The JSON text. */
  @Override
  public String toString() {
    return json;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RawJson r && r.json.equals(json);
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  /** Copies the value at the current token, numbers by their text so that none is rounded. */
  private static void copy(JsonParser p, JsonGenerator g) throws IOException {
    int depth = 0;
    do {
      JsonToken token = p.currentToken();
      if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
        g.writeNumber(p.getText());
      } else {
        g.copyCurrentEvent(p);
      }
      if (token.isStructStart()) {
        depth++;
      } else if (token.isStructEnd()) {
        depth--;
      }
    } while (depth > 0 && p.nextToken() != null);
  }
}
