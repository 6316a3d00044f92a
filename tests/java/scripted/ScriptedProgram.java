import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kube.client.ApiClient;
import kube.client.Config;
import kube.client.GoneException;
import kube.client.InvalidException;
import kube.client.KubeException;
import kube.client.PatchType;
import kube.client.RawJson;
import kube.client.Watch;
import kube.client.WatchEvent;
import kube.core.v1.ConfigMap;
import kube.core.v1.CoreV1Api;
import kube.core.v1.ListParams;
import kube.core.v1.PatchParams;
import kube.meta.v1.ObjectMeta;
import kube.meta.v1.StatusCause;
import kube.meta.v1.StatusDetails;

/**
 * The demo spec's generated Java client against a scripted server at args[1]: `watch` (events,
 * resume, the end), `apply` (server-side apply with a field manager and force), `errors` (a typed
 * 422 with its causes, a 429 retried, warnings); or `kubeconfig`, two reads through the kubeconfig
 * file args[1] names. Prints JSON lines.
 */
public final class ScriptedProgram {
  private static final List<String> WARNINGS = new ArrayList<>();

  private ScriptedProgram() {}

  public static void main(String[] args) {
    Config config =
        switch (args[0]) {
          case "kubeconfig" -> Config.fromKubeconfig(Path.of(args[1]), null);
          case "errors" -> new Config().server(args[1]).token("s3cret").onWarning(WARNINGS::add);
          default -> new Config().server(args[1]);
        };
    try (ApiClient client = ApiClient.fromConfig(config)) {
      CoreV1Api core = new CoreV1Api(client);
      switch (args[0]) {
        case "watch" -> watch(core);
        case "apply" -> apply(core);
        case "errors" -> errors(core);
        case "kubeconfig" -> read(core, client.config().namespace());
        default -> throw new IllegalArgumentException("unknown mode " + args[0]);
      }
    }
  }

  private static void errors(CoreV1Api core) {
    try {
      core.createNamespacedConfigMap(
          "default", new ConfigMap().metadata(new ObjectMeta().name("bad")));
    } catch (InvalidException e) {
      List<String> causes = new ArrayList<>();
      for (StatusCause cause : e.status().details().as(StatusDetails.CODEC).getCauses()) {
        causes.add(
            "{\"reason\": "
                + string(cause.getReason())
                + ", \"field\": "
                + string(cause.getField())
                + ", \"message\": "
                + string(cause.getMessage())
                + "}");
      }
      System.out.println(
          "{\"invalid\": {\"code\": "
              + e.code()
              + ", \"reason\": "
              + string(e.reason())
              + ", \"causes\": ["
              + String.join(", ", causes)
              + "], \"error\": "
              + string(e.getMessage())
              + "}}");
    }
    ConfigMap read = core.readNamespacedConfigMap("throttled", "default");
    System.out.println(
        "{\"retried\": {\"name\": "
            + string(read.getMetadata().getName())
            + ", \"warnings\": ["
            + String.join(", ", WARNINGS.stream().map(ScriptedProgram::string).toList())
            + "]}}");
  }

  private static void read(CoreV1Api core, String namespace) {
    for (int i = 0; i < 2; i++) {
      try {
        ConfigMap read = core.readNamespacedConfigMap("a", namespace);
        System.out.println(
            "{\"read\": {\"namespace\": "
                + string(namespace)
                + ", \"name\": "
                + string(read.getMetadata().getName())
                + "}}");
      } catch (KubeException e) {
        System.out.println(
            "{\"error\": {\"type\": "
                + string(e.getClass().getSimpleName())
                + ", \"message\": "
                + string(e.getMessage())
                + "}}");
      }
    }
  }

  /** A JSON string (null as null). */
  private static String string(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return out.append('"').toString();
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
