package probe;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import kgen.templates.java.runtime.Json;
import kgen.templates.java.runtime.JsonCodec;

/** A page of a ConfigMap list: its items' names and its continue token. */
final class ConfigMapList {
  List<String> names = new ArrayList<>();
  String next;

  static final JsonCodec<ConfigMapList> CODEC =
      new JsonCodec<>() {
        @Override
        public ConfigMapList read(JsonParser p) throws IOException {
          Json.startObject(p);
          ConfigMapList list = new ConfigMapList();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals("items")) {
              for (ConfigMap item : Json.read(p, Json.list(ConfigMap.CODEC))) {
                list.names.add(item.name);
              }
            } else if (field.equals("metadata")) {
              while (p.nextToken() == JsonToken.FIELD_NAME) {
                String meta = p.currentName();
                p.nextToken();
                if (meta.equals("continue")) {
                  list.next = p.getText();
                } else {
                  p.skipChildren();
                }
              }
            } else {
              p.skipChildren();
            }
          }
          return list;
        }

        @Override
        public void write(JsonGenerator g, ConfigMapList list) throws IOException {
          throw new IOException("a list is only read");
        }
      };
}
