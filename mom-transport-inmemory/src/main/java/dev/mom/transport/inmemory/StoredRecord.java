package dev.mom.transport.inmemory;

import java.util.Map;

/**
 * One record as the broker keeps it. Immutable: the value array is never handed to users' code
 * except to Mom, which promises not to change it.
 */
record StoredRecord(
    String topic,
    String key,
    byte[] value,
    Map<String, String> headers,
    int partition,
    long offset) {

  /** Returns the position as {@link dev.mom.spi.InboundRecord#position()} describes it. */
  String position() {
    return "partition " + partition + ", offset " + offset;
  }

  /** Returns a copy for users' code. */
  RecordView view() {
    return new RecordView(topic, key, value, headers, partition, offset);
  }
}
