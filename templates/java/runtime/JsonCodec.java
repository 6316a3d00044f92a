// kgen:header
package kgen.templates.java.runtime;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/** Reads and writes one type as JSON over jackson-core's streaming API (no reflection, no databind). */
public interface JsonCodec<T> {
  /** Reads a value; the parser is on its first token. JSON null is handled by callers. */
  T read(JsonParser p) throws IOException;

  /** Writes a value that is not null. */
  void write(JsonGenerator g, T value) throws IOException;
}
