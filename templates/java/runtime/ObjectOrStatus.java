// kgen:header

package kgen.templates.java.runtime;

/**
 * What some deletes answer: the object (still being deleted, its finalizers pending) or a Status
 * (the delete completed at once). Read it with a switch over the two records or instanceof.
 */
public sealed interface ObjectOrStatus<T> {
  /** The object the server answered with. */
  record Obj<T>(T value) implements ObjectOrStatus<T> {}

  /** The Status the server answered with. */
  record Status<T>(ApiStatus status) implements ObjectOrStatus<T> {}
}
