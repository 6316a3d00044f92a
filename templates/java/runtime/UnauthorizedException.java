// kgen:header

package kgen.templates.java.runtime;

import java.util.List;

/**
 * 401: credentials missing, expired or refused (the client retried once with fresh exec
 * credentials).
 */
public class UnauthorizedException extends ApiException {
  private static final long serialVersionUID = 1L;

  public UnauthorizedException(
      int code, ApiStatus status, String method, String url, List<String> warnings) {
    super(code, status, method, url, warnings);
  }
}
