// kgen:header

package kgen.templates.java.runtime;

import java.util.List;

/** 429: throttled, and the retries were used up. */
public class TooManyRequestsException extends ApiException {
  private static final long serialVersionUID = 1L;

  public TooManyRequestsException(
      int code, ApiStatus status, String method, String url, List<String> warnings) {
    super(code, status, method, url, warnings);
  }
}
