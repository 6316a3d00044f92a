package probe;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import kgen.templates.java.runtime.Json;
import kgen.templates.java.runtime.JsonCodec;

/** A tiny object with a hand-written codec: the runtime is tested without generated code. */
final class ConfigMap {
  String name = "";
  String resourceVersion = "";
  Map<String, String> data = new LinkedHashMap<>();

  static final JsonCodec<ConfigMap> CODEC =
      new JsonCodec<>() {
        @Override
        public ConfigMap read(JsonParser p) throws IOException {
          Json.startObject(p);
          ConfigMap cm = new ConfigMap();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals("metadata")) {
              while (p.nextToken() == JsonToken.FIELD_NAME) {
                String meta = p.currentName();
                p.nextToken();
                if (meta.equals("name")) {
                  cm.name = p.getText();
                } else if (meta.equals("resourceVersion")) {
                  cm.resourceVersion = p.getText();
                } else {
                  p.skipChildren();
                }
              }
            } else if (field.equals("data")) {
              cm.data = Json.read(p, Json.map(Json.STRING));
            } else {
              p.skipChildren();
            }
          }
          return cm;
        }

        @Override
        public void write(JsonGenerator g, ConfigMap cm) throws IOException {
          g.writeStartObject();
          g.writeStringField("apiVersion", "v1");
          g.writeStringField("kind", "ConfigMap");
          g.writeObjectFieldStart("metadata");
          g.writeStringField("name", cm.name);
          g.writeEndObject();
          g.writeFieldName("data");
          Json.map(Json.STRING).write(g, cm.data);
          g.writeEndObject();
        }
      };
}
