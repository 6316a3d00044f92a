import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kube.client.ApiClient;
import kube.client.Config;
import kube.client.ConflictException;
import kube.client.NotFoundException;
import kube.client.ObjectOrStatus;
import kube.client.PatchType;
import kube.client.RawJson;
import kube.client.Watch;
import kube.client.WatchEvent;
import kube.core.v1.ConfigMap;
import kube.core.v1.CoreV1Api;
import kube.core.v1.ListParams;
import kube.meta.v1.ObjectMeta;

/**
 * Creates, lists, pages, replaces, patches (merge and apply), watches and deletes ConfigMaps
 * through the demo spec's generated Java client (package kube) against the server at args[0];
 * prints what it saw as JSON lines (hand-written here: the test's own output, not the client's).
 */
public final class EmulatorProgram {
  private EmulatorProgram() {}

  public static void main(String[] args) throws Exception {
    try (ApiClient client = ApiClient.fromConfig(new Config().server(args[0]).token("t0ken"))) {
      CoreV1Api core = new CoreV1Api(client);
      for (String name : List.of("alpha", "beta", "gamma")) {
        core.createNamespacedConfigMap("default", configMap(name, Map.of("name", name)));
      }
      List<String> names = new ArrayList<>();
      for (ConfigMap item : core.listNamespacedConfigMap("default").getItems()) {
        names.add(item.getMetadata().getName());
      }
      emit("list", strings(names));
      var page = core.listNamespacedConfigMap("default", new ListParams().limit(2L));
      emit(
          "page",
          "{\"items\": "
              + page.getItems().size()
              + ", \"continue\": "
              + string(page.getMetadata().getContinue())
              + "}");

      try (Watch<ConfigMap> watch = core.watchNamespacedConfigMap("default")) {
        for (int i = 0; i < 3; i++) { // the objects that exist when the watch starts
          event(watch.next());
        }
        core.createNamespacedConfigMap("default", configMap("delta", Map.of("v", "1")));
        event(watch.next());
        ConfigMap read = core.readNamespacedConfigMap("delta", "default");
        read.getData().put("v", "2");
        core.replaceNamespacedConfigMap("delta", "default", read);
        event(watch.next());
        core.patchNamespacedConfigMap(
            "delta", "default", PatchType.MERGE, RawJson.of("{\"data\":{\"v\":\"3\"}}"));
        event(watch.next());
        ObjectOrStatus<ConfigMap> deleted =
            core.deleteNamespacedConfigMap("delta", "default", null);
        emit(
            "deleted",
            "{\"object\": "
                + (deleted instanceof ObjectOrStatus.Obj<ConfigMap>)
                + ", \"status\": "
                + (deleted instanceof ObjectOrStatus.Status<ConfigMap>)
                + "}");
        event(watch.next());
      }

      try {
        core.readNamespacedConfigMap("missing", "default");
        emit("missing", "null");
      } catch (NotFoundException e) {
        emit("missing", "{\"notFound\": true, \"code\": " + e.code() + "}");
      }
      try {
        core.createNamespacedConfigMap("default", configMap("alpha", null));
        emit("duplicate", "null");
      } catch (ConflictException e) {
        emit("duplicate", "{\"conflict\": true, \"code\": " + e.code() + "}");
      }
    }
  }

  private static ConfigMap configMap(String name, Map<String, String> data) {
    return new ConfigMap()
        .metadata(new ObjectMeta().name(name).namespace("default"))
        .data(data == null ? null : new LinkedHashMap<>(data));
  }

  private static void event(WatchEvent<ConfigMap> event) {
    ConfigMap object = event.object();
    Map<String, String> data = object.getData() == null ? Map.of() : object.getData();
    StringBuilder members = new StringBuilder();
    data.forEach(
        (k, v) ->
            members
                .append(members.length() == 0 ? "" : ", ")
                .append(string(k))
                .append(": ")
                .append(string(v)));
    emit(
        "event",
        "{\"type\": "
            + string(event.type())
            + ", \"name\": "
            + string(object.getMetadata().getName())
            + ", \"data\": {"
            + members
            + "}}");
  }

  private static void emit(String what, String json) {
    System.out.println("{" + string(what) + ": " + json + "}");
  }

  private static String strings(List<String> values) {
    List<String> quoted = new ArrayList<>();
    values.forEach(v -> quoted.add(string(v)));
    return "[" + String.join(", ", quoted) + "]";
  }

  /** A JSON string of the plain ASCII names and values this program uses. */
  private static String string(String text) {
    return text == null ? "null" : "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
