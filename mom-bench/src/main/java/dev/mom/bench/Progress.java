package dev.mom.bench;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the messages a side handled and times them from the first to the one that reaches the
 * target. Thread-safe: handlers on many threads call {@link #handled()}.
 */
final class Progress {
  private final long target;
  private final AtomicLong count = new AtomicLong();
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile long firstNanos;
  private volatile long lastNanos;

  Progress(long target) {
    this.target = target;
  }

  /** Returns how many messages make the side done. */
  long target() {
    return target;
  }

  /** Counts one message. */
  void handled() {
    long n = count.incrementAndGet();
    if (n == 1 && firstNanos == 0) {
      firstNanos = System.nanoTime();
    }
    if (n == target) {
      lastNanos = System.nanoTime();
      done.countDown();
    }
  }

  /** Marks the start explicitly, for sides timed from their first send rather than receipt. */
  void startNow() {
    firstNanos = System.nanoTime();
  }

  /** Returns how many messages were counted. */
  long count() {
    return count.get();
  }

  /**
   * Waits until the target is reached.
   *
   * @param timeout how long to wait at most
   * @throws IllegalStateException if the timeout passes first, saying how far it got
   */
  void await(Duration timeout) {
    try {
      if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(
            "only " + count.get() + " of " + target + " messages within " + timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted after " + count.get() + " messages", e);
    }
  }

  /** Returns whether the target was reached. */
  boolean isDone() {
    return done.getCount() == 0;
  }

  /** Returns the nanoseconds from the first message to the target. */
  long nanos() {
    return Math.max(1, lastNanos - firstNanos);
  }

  /** Returns a timeout that allows for a slow machine: a minute plus a millisecond a message. */
  static Duration timeoutFor(long messages) {
    return Duration.ofSeconds(60).plusMillis(messages);
  }
}
