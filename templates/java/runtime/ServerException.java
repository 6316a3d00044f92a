// kgen:header

package kgen.templates.java.runtime;

import java.util.List;

/** 5xx: the server failed or could not serve (503 after the retries were used up). */
public class ServerException extends ApiException {
  private static final long serialVersionUID = 1L;

  public ServerException(
      int code, ApiStatus status, String method, String url, List<String> warnings) {
    super(code, status, method, url, warnings);
  }
}
