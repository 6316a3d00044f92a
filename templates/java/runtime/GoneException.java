// kgen:header

package kgen.templates.java.runtime;

import java.util.List;

/**
 * 410: the resourceVersion expired (a watch's too); list again, then watch from the list's
 * resourceVersion.
 */
public class GoneException extends ApiException {
  private static final long serialVersionUID = 1L;

  public GoneException(
      int code, ApiStatus status, String method, String url, List<String> warnings) {
    super(code, status, method, url, warnings);
  }
}
