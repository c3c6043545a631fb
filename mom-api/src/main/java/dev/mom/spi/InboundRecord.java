package dev.mom.spi;

import java.util.Map;

/**
 * A record delivered by a {@link Transport}, with the means to acknowledge it.
 *
 * <p>Mom calls {@link #ack()} once the record's outcome is settled (handled, or dead-lettered), and
 * {@link #release()} when it will not handle the record (shutdown, revocation). Both may be called
 * from any thread and at most one of them, once; a transport ignores calls after the record was
 * revoked.
 */
public interface InboundRecord {

  /** Returns the topic the record was read from. */
  String topic();

  /** Returns the key (Kafka record key, Pub/Sub ordering key), or {@code null} if none. */
  String key();

  /**
   * Returns the value bytes, or {@code null} for a record without value (a Kafka tombstone). Mom
   * does not change the array.
   */
  byte[] value();

  /** Returns the headers (Kafka headers as UTF-8, Pub/Sub attributes), read-only. */
  Map<String, String> headers();

  /**
   * Returns where the record sits, in the transport's terms, for logs and dead letters: {@code
   * "partition 3, offset 1042"}.
   */
  String position();

  /**
   * Returns whether this member lost the record: its partition was revoked or its lease expired.
   * Mom does not start handling a revoked record; the new owner will get it.
   */
  default boolean isRevoked() {
    return false;
  }

  /**
   * Acknowledges the record: it will not be delivered again to this group. The transport may commit
   * later and in batches, but never past a record that is not acknowledged.
   */
  void ack();

  /**
   * Gives the record back unhandled, so that it is delivered again, here or elsewhere, as soon as
   * the transport can. Where a transport cannot hasten redelivery this does nothing: the record
   * stays unacknowledged and comes back when the subscription closes.
   */
  default void release() {}
}
