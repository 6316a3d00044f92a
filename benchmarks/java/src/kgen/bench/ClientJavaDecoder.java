package kgen.bench;

import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1PodList;
import java.nio.charset.StandardCharsets;

/**
 * The official client: ApiClient reads the body as a String and hands it to JSON.deserialize
 * (Gson).
 */
final class ClientJavaDecoder implements Decoder {
  @Override
  public Object decode(byte[] body) {
    return JSON.deserialize(new String(body, StandardCharsets.UTF_8), V1PodList.class);
  }

  @Override
  public String shape(Object podList) {
    var items = ((V1PodList) podList).getItems();
    return Shapes.of(
        items.size(),
        items.get(0).getSpec().getContainers().get(0).getImage(),
        items.get(items.size() - 1).getMetadata().getName());
  }
}
