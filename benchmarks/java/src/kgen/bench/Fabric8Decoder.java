package kgen.bench;

import io.fabric8.kubernetes.api.model.PodList;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * fabric8's model, read by the Jackson databind (3.x) its model depends on, one shared mapper as
 * its client keeps.
 */
final class Fabric8Decoder implements Decoder {
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  @Override
  public Object decode(byte[] body) {
    return MAPPER.readValue(body, PodList.class);
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
