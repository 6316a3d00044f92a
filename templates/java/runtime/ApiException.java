// kgen:header

package kgen.templates.java.runtime;

import java.util.List;

/**
 * A failure the server reported: its HTTP status code and the Status it sent (or one made from a
 * body that was not a Status). Subclasses name the common codes; {@link #of} picks the one that
 * fits.
 */
public class ApiException extends KubeException {
  private static final long serialVersionUID = 1L;

  private final int code;
  private final transient ApiStatus status;
  private final String method;
  private final String url;
  private final List<String> warnings;

  public ApiException(
      int code, ApiStatus status, String method, String url, List<String> warnings) {
    super(describe(code, status, method, url));
    this.code = code;
    this.status = status;
    this.method = method;
    this.url = url;
    this.warnings = List.copyOf(warnings);
  }

  private static String describe(int code, ApiStatus status, String method, String url) {
    String reason =
        status.reason() == null || status.reason().isEmpty() ? "Error" : status.reason();
    return code
        + " "
        + reason
        + ": "
        + (status.message() == null ? "" : status.message())
        + " ("
        + method
        + " "
        + url
        + ")";
  }

  /** The exception for a failed response: by status code, AlreadyExists by the Status' reason. */
  public static ApiException of(
      int code, ApiStatus status, String method, String url, List<String> warnings) {
    switch (code) {
      case 400:
        return new BadRequestException(code, status, method, url, warnings);
      case 401:
        return new UnauthorizedException(code, status, method, url, warnings);
      case 403:
        return new ForbiddenException(code, status, method, url, warnings);
      case 404:
        return new NotFoundException(code, status, method, url, warnings);
      case 409:
        if ("AlreadyExists".equals(status.reason())) {
          return new AlreadyExistsException(code, status, method, url, warnings);
        }
        return new ConflictException(code, status, method, url, warnings);
      case 410:
        return new GoneException(code, status, method, url, warnings);
      case 422:
        return new InvalidException(code, status, method, url, warnings);
      case 429:
        return new TooManyRequestsException(code, status, method, url, warnings);
      default:
        if (code >= 500 && code <= 599) {
          return new ServerException(code, status, method, url, warnings);
        }
        return new ApiException(code, status, method, url, warnings);
    }
  }

  /** The HTTP status code of the response. */
  public int code() {
    return code;
  }

  /**
   * The server's Status (for a body that was not one: a Status whose message is the body's start).
   */
  public ApiStatus status() {
    return status;
  }

  /** The Status' reason (NotFound, AlreadyExists, Invalid, ...), or "" when it gave none. */
  public String reason() {
    return status.reason() == null ? "" : status.reason();
  }

  public String method() {
    return method;
  }

  /** The request's URL, without credentials. */
  public String url() {
    return url;
  }

  /** The texts of the response's Warning headers. */
  public List<String> warnings() {
    return warnings;
  }
}
