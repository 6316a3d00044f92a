// kgen:header

package kgen.templates.java.runtime;

import java.util.List;

/** 400: the request itself is malformed. */
public class BadRequestException extends ApiException {
  private static final long serialVersionUID = 1L;

  public BadRequestException(
      int code, ApiStatus status, String method, String url, List<String> warnings) {
    super(code, status, method, url, warnings);
  }
}
