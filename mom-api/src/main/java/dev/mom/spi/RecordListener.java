package dev.mom.spi;

/**
 * Receives the records of a {@link Subscription}. Implemented by Mom's core.
 *
 * <p>Called from a transport thread, one record at a time per subscription, in the order the
 * transport received them. It returns quickly and never blocks: Mom queues the record and tells the
 * transport to {@link Subscription#pause()} when its in-flight limit is reached.
 */
@FunctionalInterface
public interface RecordListener {

  /**
   * Takes one record.
   *
   * @param record the record, not {@code null}
   */
  void onRecord(InboundRecord record);
}
