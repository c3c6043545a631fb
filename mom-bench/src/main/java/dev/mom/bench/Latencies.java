package dev.mom.bench;

import java.util.Arrays;

/**
 * End-to-end latencies in nanoseconds, recorded by one thread at a time (each record call is
 * synchronized, as handlers of different ids may record concurrently).
 */
final class Latencies {
  private long[] samples;
  private int size;

  Latencies(int expected) {
    samples = new long[Math.max(16, expected)];
  }

  synchronized void record(long nanos) {
    if (size == samples.length) {
      samples = Arrays.copyOf(samples, size * 2);
    }
    samples[size++] = nanos;
  }

  synchronized int count() {
    return size;
  }

  /**
   * Returns a percentile in milliseconds, or NaN without samples.
   *
   * @param percent from 0 to 100
   */
  synchronized double percentileMillis(double percent) {
    if (size == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(samples, size);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(percent / 100.0 * size) - 1;
    return sorted[Math.max(0, Math.min(size - 1, rank))] / 1_000_000.0;
  }
}
