// kgen:header

package kgen.templates.java.runtime;

import java.util.List;

/** 403: authenticated, but not allowed. */
public class ForbiddenException extends ApiException {
  private static final long serialVersionUID = 1L;

  public ForbiddenException(
      int code, ApiStatus status, String method, String url, List<String> warnings) {
    super(code, status, method, url, warnings);
  }
}
