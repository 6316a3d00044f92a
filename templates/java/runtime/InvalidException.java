// kgen:header

package kgen.templates.java.runtime;

import java.util.List;

/** 422: the object failed validation; the Status' details list the causes. */
public class InvalidException extends ApiException {
  private static final long serialVersionUID = 1L;

  public InvalidException(
      int code, ApiStatus status, String method, String url, List<String> warnings) {
    super(code, status, method, url, warnings);
  }
}
