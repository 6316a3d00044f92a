// kgen:header

package kgen.templates.java.runtime;

import java.util.Objects;

/**
 * The base of generated open enums: constants for the documented values, and any other value the
 * server sends kept as it came (a newer server may add values).
 */
public abstract class OpenEnum {
  private final String value;

  protected OpenEnum(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  /** The value as it is sent. */
  public final String value() {
    return value;
  }

  @Override
  public final String toString() {
    return value;
  }

  @Override
  public final boolean equals(Object other) {
    return other != null
        && other.getClass() == getClass()
        && ((OpenEnum) other).value.equals(value);
  }

  @Override
  public final int hashCode() {
    return value.hashCode();
  }
}
