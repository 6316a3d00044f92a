// kgen:header

package kgen.templates.java.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A response body as an InputStream that gives every byte received before a failure, then the
 * failure (the JDK's stream drops what it holds when the connection breaks, and a watch must resume
 * from the last event it received). It asks for one piece at a time, so a slow reader holds at most
 * a piece; close() from any thread (a deadline, an idle watch) wakes a blocked read.
 */
final class QueuedBody extends Bodies.Bulk implements HttpResponse.BodySubscriber<InputStream> {
  private record Piece(List<ByteBuffer> buffers) {}

  private record Failure(Throwable error) {}

  private static final Object END = new Object();
  private static final Object CLOSED = new Object();

  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private volatile Flow.Subscription subscription;
  private volatile boolean closed;
  private Iterator<ByteBuffer> pieces = List.<ByteBuffer>of().iterator();
  private ByteBuffer current = ByteBuffer.allocate(0);
  private boolean ended;

  @Override
  public CompletionStage<InputStream> getBody() {
    return CompletableFuture.completedStage(this);
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (closed) {
      s.cancel();
    } else {
      s.request(1);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> item) {
    queue.add(new Piece(item));
  }

  @Override
  public void onError(Throwable error) {
    queue.add(new Failure(error));
  }

  @Override
  public void onComplete() {
    queue.add(END);
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (!current.hasRemaining()) {
      if (pieces.hasNext()) {
        current = pieces.next();
        continue;
      }
      if (ended) {
        return -1;
      }
      if (closed) {
        throw new IOException("the response was closed");
      }
      Object item = take();
      if (item == END) {
        ended = true;
      } else if (item instanceof Failure failure) {
        queue.add(failure); // a later read fails the same way
        throw new IOException(failure.error().toString(), failure.error());
      } else if (item instanceof Piece piece) {
        pieces = piece.buffers().iterator();
        subscription.request(1);
      }
    }
    int n = Math.min(len, current.remaining());
    current.get(b, off, n);
    return n;
  }

  private Object take() throws IOException {
    try {
      return queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading the response");
    }
  }

  @Override
  public int available() {
    return current.remaining();
  }

  @Override
  public void close() {
    closed = true;
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
    queue.add(CLOSED);
  }
}
