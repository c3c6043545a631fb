package dev.mom.bench;

/**
 * What one side of a pair measured.
 *
 * @param messages how many messages it handled
 * @param seconds how long it took, from the first message to the last
 * @param p50Millis median end-to-end latency in ms, or {@code null} where not measured
 * @param p99Millis 99th percentile latency in ms, or {@code null} where not measured
 * @param peakHeapBytes peak heap of the JVM that ran it, or {@code null} where not measured
 */
public record Side(
    long messages, double seconds, Double p50Millis, Double p99Millis, Long peakHeapBytes) {

  /** Returns a side without latencies. */
  static Side of(long messages, long nanos, long peakHeapBytes) {
    return new Side(messages, nanos / 1e9, null, null, peakHeapBytes);
  }

  /** Returns a side with latencies. */
  static Side of(long messages, long nanos, Latencies latencies, long peakHeapBytes) {
    return new Side(
        messages,
        nanos / 1e9,
        latencies.percentileMillis(50),
        latencies.percentileMillis(99),
        peakHeapBytes);
  }

  /** Returns messages per second. */
  public double messagesPerSecond() {
    return seconds > 0 ? messages / seconds : 0;
  }
}
