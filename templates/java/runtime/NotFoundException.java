// kgen:header

package kgen.templates.java.runtime;

import java.util.List;

/** 404: no such object, resource or path. */
public class NotFoundException extends ApiException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(
      int code, ApiStatus status, String method, String url, List<String> warnings) {
    super(code, status, method, url, warnings);
  }
}
