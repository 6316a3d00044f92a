package kgen.bench;

import com.example.kube.client.Json;
import com.example.kube.core.v1.PodList;

/**
 * kgen's generated client: the runtime's Json.decode with the generated PodList codec (jackson-core
 * only).
 */
final class KgenDecoder implements Decoder {
  @Override
  public Object decode(byte[] body) {
    return Json.decode(body, PodList.CODEC);
  }

  @Override
  public String shape(Object podList) {
    var items = ((PodList) podList).getItems();
    return Shapes.of(
        items.size(),
        items.get(0).getSpec().getContainers().get(0).getImage(),
        items.get(items.size() - 1).getMetadata().getName());
  }
}
