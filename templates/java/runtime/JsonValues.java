// kgen:header

package kgen.templates.java.runtime;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Untyped JSON for what the runtime reads without generated classes (a Status, a watch event's
 * envelope, an ExecCredential): objects as maps, arrays as lists, strings, numbers, booleans and
 * null.
 */
final class JsonValues {
  private JsonValues() {}

  /** The value `body` holds; DecodeException when it is not one JSON value. */
  static Object parse(byte[] body) {
    try (JsonParser p = Json.FACTORY.createParser(body)) {
      if (p.nextToken() == null) {
        throw new DecodeException("an empty body where JSON was expected");
      }
      Object value = read(p);
      if (p.nextToken() != null) {
        throw new DecodeException("more than one JSON value");
      }
      return value;
    } catch (IOException e) {
      throw new DecodeException("not JSON: " + e.getMessage(), e);
    }
  }

  /** Reads the value the parser is on. */
  static Object read(JsonParser p) throws IOException {
    JsonToken token = p.currentToken();
    switch (token) {
      case START_OBJECT:
        {
          Map<String, Object> members = new LinkedHashMap<>();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            members.put(name, read(p));
          }
          return members;
        }
      case START_ARRAY:
        {
          List<Object> items = new ArrayList<>();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            items.add(read(p));
          }
          return items;
        }
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return p.getDecimalValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new IOException("unexpected " + token);
    }
  }

  /** The member `name` of an object, or null when `value` is not an object or lacks it. */
  static Object member(Object value, String name) {
    return value instanceof Map<?, ?> map ? map.get(name) : null;
  }

  /** The member `name` when it is a string, else "". */
  static String string(Object value, String name) {
    return member(value, name) instanceof String text ? text : "";
  }

  /** A value as JSON text. */
  static String text(Object value) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
      write(g, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void write(JsonGenerator g, Object value) throws IOException {
    if (value instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        g.writeFieldName(String.valueOf(entry.getKey()));
        write(g, entry.getValue());
      }
      g.writeEndObject();
    } else if (value instanceof List<?> list) {
      g.writeStartArray();
      for (Object item : list) {
        write(g, item);
      }
      g.writeEndArray();
    } else if (value instanceof Number number) {
      g.writeNumber(new BigDecimal(number.toString()));
    } else if (value instanceof Boolean flag) {
      g.writeBoolean(flag);
    } else if (value == null) {
      g.writeNull();
    } else {
      g.writeString(value.toString());
    }
  }
}
