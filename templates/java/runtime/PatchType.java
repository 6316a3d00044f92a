// kgen:header

package kgen.templates.java.runtime;

/** How a patch body is read by the server: its content type. */
public enum PatchType {
  /** A JSON Patch (RFC 6902): a list of operations. */
  JSON("application/json-patch+json"),
  /** A JSON Merge Patch (RFC 7386): the members to set, null to remove. */
  MERGE("application/merge-patch+json"),
  /** A Kubernetes strategic merge patch: lists merged by their keys. */
  STRATEGIC("application/strategic-merge-patch+json"),
  /** Server-side apply: the fields this manager owns (give a field manager in the options). */
  APPLY("application/apply-patch+yaml");

  private final String contentType;

  PatchType(String contentType) {
    this.contentType = contentType;
  }

  /** The Content-Type the patch is sent with. */
  public String contentType() {
    return contentType;
  }
}
