// kgen:header

package kgen.templates.java.runtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The JSON core every codec shares: one configured {@link JsonFactory}, whole-body decode and
 * encode, and the helpers generated codecs call for fields, lists, maps, primitives and members
 * they do not know.
 */
public final class Json {
  /** Objects and arrays nested deeper than this are refused (a hostile body cannot overflow). */
  public static final int MAX_DEPTH = 1000;

  /** Longest number token accepted, in characters. */
  public static final int MAX_NUMBER_LENGTH = 1000;

  /** Longest string accepted, in characters: a response body is limited to 512 MiB anyway. */
  public static final int MAX_STRING_LENGTH = 512 << 20;

  /** The factory every parser and generator comes from. */
  public static final JsonFactory FACTORY =
      JsonFactory.builder()
          .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_DEPTH)
                  .maxNumberLength(MAX_NUMBER_LENGTH)
                  .maxStringLength(MAX_STRING_LENGTH)
                  .build())
          .build();

  /** A JSON string. */
  public static final JsonCodec<String> STRING =
      new JsonCodec<>() {
        @Override
        public String read(JsonParser p) throws IOException {
          if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw mismatch(p, "a string");
          }
          return SharedText.text(p);
        }

        @Override
        public void write(JsonGenerator g, String value) throws IOException {
          g.writeString(value);
        }
      };

  /** A JSON boolean. */
  public static final JsonCodec<Boolean> BOOLEAN =
      new JsonCodec<>() {
        @Override
        public Boolean read(JsonParser p) throws IOException {
          JsonToken token = p.currentToken();
          if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
            throw mismatch(p, "a boolean");
          }
          return token == JsonToken.VALUE_TRUE;
        }

        @Override
        public void write(JsonGenerator g, Boolean value) throws IOException {
          g.writeBoolean(value);
        }
      };

  /** A JSON integer that fits 32 bits. */
  public static final JsonCodec<Integer> INTEGER =
      new JsonCodec<>() {
        @Override
        public Integer read(JsonParser p) throws IOException {
          if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw mismatch(p, "an integer");
          }
          int read = p.getIntValue();
          return read >= -128 && read <= 127 ? Integer.valueOf(read) : SharedText.value(read);
        }

        @Override
        public void write(JsonGenerator g, Integer value) throws IOException {
          g.writeNumber(value);
        }
      };

  /** A JSON integer that fits 64 bits. */
  public static final JsonCodec<Long> LONG =
      new JsonCodec<>() {
        @Override
        public Long read(JsonParser p) throws IOException {
          if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw mismatch(p, "an integer");
          }
          long read = p.getLongValue();
          return read >= -128 && read <= 127 ? Long.valueOf(read) : SharedText.value(read);
        }

        @Override
        public void write(JsonGenerator g, Long value) throws IOException {
          g.writeNumber(value);
        }
      };

  /** A JSON number read as the nearest double. */
  public static final JsonCodec<Double> DOUBLE =
      new JsonCodec<>() {
        @Override
        public Double read(JsonParser p) throws IOException {
          if (!p.currentToken().isNumeric()) {
            throw mismatch(p, "a number");
          }
          return p.getDoubleValue();
        }

        @Override
        public void write(JsonGenerator g, Double value) throws IOException {
          g.writeNumber(value);
        }
      };

  /** Bytes sent as a base64 string. */
  public static final JsonCodec<byte[]> BYTES =
      new JsonCodec<>() {
        @Override
        public byte[] read(JsonParser p) throws IOException {
          if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw mismatch(p, "a base64 string");
          }
          return p.getBinaryValue();
        }

        @Override
        public void write(JsonGenerator g, byte[] value) throws IOException {
          g.writeBinary(value);
        }
      };

  /** A body that is text, not JSON (a pod's log): {@link #decode} gives it verbatim, as UTF-8. */
  public static final JsonCodec<String> TEXT =
      new Verbatim<>(STRING, body -> new String(body, StandardCharsets.UTF_8));

  /** A body of bytes, not JSON: {@link #decode} gives it verbatim. */
  public static final JsonCodec<byte[]> OCTETS = new Verbatim<>(BYTES, body -> body.clone());

  /** No value: {@link #decode} ignores the body (operations that answer nothing of use). */
  public static final JsonCodec<Void> NONE =
      new Verbatim<>(
          new JsonCodec<>() {
            @Override
            public Void read(JsonParser p) throws IOException {
              p.skipChildren();
              return null;
            }

            @Override
            public void write(JsonGenerator g, Void value) throws IOException {
              g.writeNull();
            }
          },
          body -> null);

  private Json() {}

  /**
   * Decodes a whole body: one JSON value and nothing after it; JSON null and an empty body give
   * null. {@link #TEXT} and {@link #OCTETS} take the body as it is.
   *
   * @throws DecodeException if the body is not JSON of the codec's type
   */
  public static <T> T decode(byte[] body, JsonCodec<T> codec) {
    if (codec instanceof Verbatim<T> verbatim) {
      return verbatim.whole.apply(body);
    }
    SharedText outer = SharedText.enter(SharedText.forBody(body.length));
    try (JsonParser p = FACTORY.createParser(body)) {
      if (p.nextToken() == null) {
        return null;
      }
      T value = read(p, codec);
      if (p.nextToken() != null) {
        throw new JsonParseException(p, "unexpected data after the JSON value");
      }
      return value;
    } catch (IOException e) {
      throw new DecodeException(e.getMessage(), e);
    } finally {
      SharedText.leave(outer);
    }
  }

  /** The JSON text of a non-null value, in UTF-8. */
  public static <T> byte[] encode(T value, JsonCodec<T> codec) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      codec.write(g, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The value at the current token, or null for JSON null. */
  public static <T> T read(JsonParser p, JsonCodec<T> codec) throws IOException {
    return p.currentToken() == JsonToken.VALUE_NULL ? null : codec.read(p);
  }

  /** Writes a value, or JSON null for null. */
  public static <T> void write(JsonGenerator g, T value, JsonCodec<T> codec) throws IOException {
    if (value == null) {
      g.writeNull();
    } else {
      codec.write(g, value);
    }
  }

  /** Writes the member {@code name} unless the value is null (absent). */
  public static <T> void field(JsonGenerator g, String name, T value, JsonCodec<T> codec)
      throws IOException {
    if (value != null) {
      g.writeFieldName(name);
      codec.write(g, value);
    }
  }

  /** Checks that the current token starts an object, as a model's codec expects. */
  public static void startObject(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw mismatch(p, "an object");
    }
  }

  /**
   * Keeps a member the model does not know, in the order it came; returns the map holding it (made
   * on the first one, so that a model with none keeps none).
   */
  public static Map<String, RawJson> unknown(
      JsonParser p, String name, Map<String, RawJson> members) throws IOException {
    Map<String, RawJson> kept = members == null ? new LinkedHashMap<>(2) : members;
    kept.put(name, RawJson.CODEC.read(p));
    return kept;
  }

  /** Writes back the members a model did not know. */
  public static void unknown(JsonGenerator g, Map<String, RawJson> members) throws IOException {
    if (members != null) {
      for (Map.Entry<String, RawJson> member : members.entrySet()) {
        g.writeFieldName(member.getKey());
        RawJson.CODEC.write(g, member.getValue());
      }
    }
  }

  /** A JSON array of items; JSON null items are null elements. */
  public static <T> JsonCodec<List<T>> list(JsonCodec<T> item) {
    return new JsonCodec<>() {
      @Override
      public List<T> read(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
          throw mismatch(p, "an array");
        }
        ArrayList<T> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(Json.read(p, item));
        }
        items.trimToSize();
        return items;
      }

      @Override
      public void write(JsonGenerator g, List<T> value) throws IOException {
        g.writeStartArray();
        for (T element : value) {
          Json.write(g, element, item);
        }
        g.writeEndArray();
      }
    };
  }

  /** A JSON object of values, in the order they came; JSON null values are null entries. */
  public static <T> JsonCodec<Map<String, T>> map(JsonCodec<T> value) {
    return new JsonCodec<>() {
      @Override
      public Map<String, T> read(JsonParser p) throws IOException {
        startObject(p);
        Object[] read = new Object[8];
        int count = 0;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
          p.nextToken();
          if (count == read.length) {
            read = Arrays.copyOf(read, count * 2);
          }
          read[count] = name;
          read[count + 1] = Json.read(p, value);
          count += 2;
        }
        return sized(read, count / 2);
      }

      @Override
      public void write(JsonGenerator g, Map<String, T> entries) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, T> entry : entries.entrySet()) {
          g.writeFieldName(entry.getKey());
          Json.write(g, entry.getValue(), value);
        }
        g.writeEndObject();
      }
    };
  }

  /**
   * A map of the {@code n} name/value pairs in {@code read}, in order, its table sized to them (a
   * decoded map mostly holds a few entries, not the 16 slots a default one makes room for).
   */
  @SuppressWarnings("unchecked")
  private static <T> Map<String, T> sized(Object[] read, int n) {
    Map<String, T> entries = new LinkedHashMap<>(n < 3 ? n + 1 : (int) Math.ceil(n / 0.75));
    for (int i = 0; i < 2 * n; i += 2) {
      entries.put((String) read[i], (T) read[i + 1]);
    }
    return entries;
  }

  /** An open enum's codec: any string is read, through {@code of}, and written as its value. */
  public static <T extends OpenEnum> JsonCodec<T> openEnum(Function<String, T> of) {
    return new JsonCodec<>() {
      @Override
      public T read(JsonParser p) throws IOException {
        return of.apply(STRING.read(p));
      }

      @Override
      public void write(JsonGenerator g, T value) throws IOException {
        g.writeString(value.value());
      }
    };
  }

  /** A codec for bodies that are not JSON; inside JSON, the codec it wraps. */
  private record Verbatim<T>(JsonCodec<T> inside, Function<byte[], T> whole)
      implements JsonCodec<T> {
    @Override
    public T read(JsonParser p) throws IOException {
      return inside.read(p);
    }

    @Override
    public void write(JsonGenerator g, T value) throws IOException {
      inside.write(g, value);
    }
  }

  /** The error for a token of the wrong type, naming where it is. */
  public static JsonParseException mismatch(JsonParser p, String expected) {
    String where = p.getParsingContext().pathAsPointer().toString();
    return new JsonParseException(
        p,
        "expected "
            + expected
            + " but found "
            + p.currentToken()
            + " at "
            + (where.isEmpty() ? "the top" : where));
  }
}
