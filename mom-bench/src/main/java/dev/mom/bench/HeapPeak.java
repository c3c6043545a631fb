package dev.mom.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Peak heap use over a stretch of work: the JVM's own per-pool peaks, reset at the start. The sum
 * of the pools' peaks can exceed the true peak a little (pools peak at different moments), so it is
 * an upper bound. Not thread-safe: one measurement at a time per JVM.
 */
final class HeapPeak {

  private HeapPeak() {}

  /** Collects garbage and resets the peaks, so the next reading covers only what follows. */
  static void reset() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /** Returns the peak heap in bytes since the last {@link #reset()}. */
  static long read() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }
}
