// kgen:header
package kgen.templates.java.runtime;

import java.util.Iterator;

/**
 * The changes to a collection, as they happen: an iterator of ADDED, MODIFIED and DELETED events that resumes
 * from the last resourceVersion it saw when the connection drops (bookmarks keep that fresh), and throws
 * GoneException when the server no longer has that version. Close it to stop watching.
 */
public final class Watch<T> implements Iterator<WatchEvent<T>>, AutoCloseable {
  @Override
  public boolean hasNext() {
    throw new UnsupportedOperationException("in progress");
  }

  @Override
  public WatchEvent<T> next() {
    throw new UnsupportedOperationException("in progress");
  }

  @Override
  public void close() {}
}
