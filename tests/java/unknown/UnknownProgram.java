import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kube.client.ApiClient;
import kube.client.Config;
import kube.core.v1.ConfigMap;
import kube.core.v1.CoreV1Api;
import kube.meta.v1.OwnerReference;

/**
 * Reads the ConfigMap "newer" (which carries members the demo spec does not know), changes its
 * data, puts an owner reference first and replaces it; then does the same to the item of a list.
 * The server at args[0] must get every unknown member back.
 */
public final class UnknownProgram {
  private UnknownProgram() {}

  public static void main(String[] args) {
    try (ApiClient client = ApiClient.fromConfig(new Config().server(args[0]))) {
      CoreV1Api core = new CoreV1Api(client);
      ConfigMap read = core.readNamespacedConfigMap("newer", "default");
      read.setData(Map.of("mode", "b"));
      List<OwnerReference> owners = new ArrayList<>(read.getMetadata().getOwnerReferences());
      owners.add(0, new OwnerReference().apiVersion("v1").kind("Secret").name("c").uid("3"));
      read.getMetadata().setOwnerReferences(owners);
      core.replaceNamespacedConfigMap("newer", "default", read);
      System.out.println("replaced");

      ConfigMap item = core.listNamespacedConfigMap("default").getItems().get(0);
      item.setData(Map.of("mode", "c"));
      core.replaceNamespacedConfigMap("newer", "default", item);
      System.out.println("replaced item");
    }
  }
}
