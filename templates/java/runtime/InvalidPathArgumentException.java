// kgen:header

package kgen.templates.java.runtime;

/**
 * A path parameter that would address something else than one object: null, empty, "." or "..", or
 * holding "/" or "%2F" (a delete of one pod would become a delete of its namespace or of every
 * pod). Nothing was sent.
 */
public class InvalidPathArgumentException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String parameter;

  public InvalidPathArgumentException(String parameter, String value) {
    super(
        "path argument "
            + parameter
            + "="
            + (value == null ? "null" : Strings.quoted(value))
            + " is not the name of one object: it must not be null, empty, \".\" or \"..\", nor"
            + " contain \"/\" or \"%2F\"");
    this.parameter = parameter;
  }

  /** The name of the path parameter. */
  public String parameter() {
    return parameter;
  }
}
