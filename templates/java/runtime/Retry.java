// kgen:header

package kgen.templates.java.runtime;

import java.time.Duration;

/**
 * When a request is sent again, and after how long. 429, and 503 with a Retry-After, mean the
 * server did not act, so any method is retried, after the Retry-After asked for (at most maxWait)
 * or else a doubling backoff. A 503 without Retry-After and connection errors are retried for
 * idempotent methods only: a POST may have been carried out.
 *
 * @param attempts retries after the first try
 * @param maxWait the longest wait between tries
 * @param backoff the first wait, doubled with each retry
 */
public record Retry(int attempts, Duration maxWait, Duration backoff) {
  /** Five retries, starting after half a second, waiting at most 30 seconds. */
  public static final Retry DEFAULT = new Retry(5, Duration.ofSeconds(30), Duration.ofMillis(500));

  /** No retries. */
  public static final Retry NONE = new Retry(0, Duration.ZERO, Duration.ZERO);
}
