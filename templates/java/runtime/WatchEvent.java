// kgen:header

package kgen.templates.java.runtime;

/**
 * One change a watch saw: its type (ADDED, MODIFIED or DELETED) and the object as it now is (or
 * was, deleted).
 */
public record WatchEvent<T>(String type, T object) {}
