// kgen:header

package kgen.templates.java.runtime;

import java.util.List;

/** 409: a write raced another one (a stale resourceVersion). */
public class ConflictException extends ApiException {
  private static final long serialVersionUID = 1L;

  public ConflictException(
      int code, ApiStatus status, String method, String url, List<String> warnings) {
    super(code, status, method, url, warnings);
  }
}
