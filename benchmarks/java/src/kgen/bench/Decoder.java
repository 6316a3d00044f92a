package kgen.bench;

/** One library's decode of a PodList body, as its client decodes a list response. */
interface Decoder {
  /** The typed PodList, decoded from the response bytes. */
  Object decode(byte[] body) throws Exception;

  /**
   * What the decode holds (item count, a nested field, the last name): evidence every decoder read
   * it all alike.
   */
  String shape(Object podList);
}
