// kgen:header

package kgen.templates.java.runtime;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * Reads and writes one type as JSON with jackson-core's streaming API: every generated model, open
 * enum and runtime value type has one ({@code Pod.CODEC}), so no reflection is ever needed.
 *
 * @param <T> the type this codec reads and writes
 */
public interface JsonCodec<T> {
  /**
   * Reads a value whose first token is the parser's current token, leaving the parser on its last
   * token. JSON null is handled by callers ({@link Json#read}), never passed here.
   */
  T read(JsonParser p) throws IOException;

  /** Writes a non-null value. */
  void write(JsonGenerator g, T value) throws IOException;
}
