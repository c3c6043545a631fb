package dev.mom.transport.kafka;

import dev.mom.spi.InboundRecord;
import dev.mom.spi.RecordListener;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A listener that keeps what it gets, and acknowledges at once if asked to. */
final class Received implements RecordListener {

  private final List<InboundRecord> records = new CopyOnWriteArrayList<>();
  private final boolean autoAck;

  private Received(boolean autoAck) {
    this.autoAck = autoAck;
  }

  /** Returns a listener that acknowledges every record as it arrives. */
  static Received acknowledging() {
    return new Received(true);
  }

  /** Returns a listener that leaves acknowledgement to the test. */
  static Received holding() {
    return new Received(false);
  }

  @Override
  public void onRecord(InboundRecord record) {
    records.add(record);
    if (autoAck) {
      record.ack();
    }
  }

  /** Returns the records so far, in arrival order. */
  List<InboundRecord> records() {
    return List.copyOf(records);
  }

  /** Returns how many records arrived. */
  int count() {
    return records.size();
  }

  /** Returns the values so far, as text. */
  List<String> values() {
    return records.stream().map(Received::text).toList();
  }

  /** Returns a record's value as UTF-8 text, or {@code null} for a tombstone. */
  static String text(InboundRecord record) {
    return record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
  }
}
