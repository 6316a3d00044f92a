// kgen:header

package kgen.templates.java.runtime;

import java.util.List;

/** 409 with reason AlreadyExists: an object of that name exists. */
public class AlreadyExistsException extends ConflictException {
  private static final long serialVersionUID = 1L;

  public AlreadyExistsException(
      int code, ApiStatus status, String method, String url, List<String> warnings) {
    super(code, status, method, url, warnings);
  }
}
