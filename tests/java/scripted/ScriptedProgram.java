import kube.client.ApiClient;
import kube.client.Config;
import kube.client.GoneException;
import kube.client.PatchType;
import kube.client.RawJson;
import kube.client.Watch;
import kube.client.WatchEvent;
import kube.core.v1.ConfigMap;
import kube.core.v1.CoreV1Api;
import kube.core.v1.ListParams;
import kube.core.v1.PatchParams;

/**
 * The demo spec's generated Java client against a scripted server at args[1]: `watch` (events,
 * resume, the end) or `apply` (server-side apply with a field manager and force). Prints JSON
 * lines.
 */
public final class ScriptedProgram {
  private ScriptedProgram() {}

  public static void main(String[] args) {
    try (ApiClient client = ApiClient.fromConfig(new Config().server(args[1]))) {
      CoreV1Api core = new CoreV1Api(client);
      switch (args[0]) {
        case "watch" -> watch(core);
        case "apply" -> apply(core);
        default -> throw new IllegalArgumentException("unknown mode " + args[0]);
      }
    }
  }

  private static void watch(CoreV1Api core) {
    try (Watch<ConfigMap> watch =
        core.watchNamespacedConfigMap("default", new ListParams().labelSelector("app=x"))) {
      while (watch.hasNext()) {
        WatchEvent<ConfigMap> event = watch.next();
        System.out.println(
            "{\"event\": {\"type\": \""
                + event.type()
                + "\", \"name\": \""
                + event.object().getMetadata().getName()
                + "\", \"resourceVersion\": \""
                + event.object().getMetadata().getResourceVersion()
                + "\"}}");
      }
      System.out.println("{\"end\": {\"gone\": false}}");
    } catch (GoneException e) {
      System.out.println("{\"end\": {\"gone\": true, \"code\": " + e.code() + "}}");
    }
  }

  private static void apply(CoreV1Api core) {
    RawJson patch =
        RawJson.of("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cm\"}}");
    ConfigMap applied =
        core.patchNamespacedConfigMap(
            "cm",
            "default",
            PatchType.APPLY,
            patch,
            new PatchParams().fieldManager("kgen-test").force(true));
    System.out.println("{\"applied\": \"" + applied.getMetadata().getName() + "\"}");
  }
}
