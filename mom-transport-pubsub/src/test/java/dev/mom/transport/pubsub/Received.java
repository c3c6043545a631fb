package dev.mom.transport.pubsub;

import dev.mom.spi.InboundRecord;
import dev.mom.spi.RecordListener;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A listener for tests: keeps every record it gets and acknowledges those the rule says to. */
final class Received implements RecordListener {
  private final List<InboundRecord> records = new ArrayList<>();
  private final Predicate<InboundRecord> ackNow;

  private Received(Predicate<InboundRecord> ackNow) {
    this.ackNow = ackNow;
  }

  /** Acknowledges every record at once. */
  static Received acking() {
    return new Received(record -> true);
  }

  /** Acknowledges nothing; the test settles the records. */
  static Received holding() {
    return new Received(record -> false);
  }

  /** Acknowledges the records the rule accepts and releases the others. */
  static Received ackingOnly(Predicate<InboundRecord> rule) {
    return new Received(
        record -> {
          if (!rule.test(record)) {
            record.release();
            return false;
          }
          return true;
        });
  }

  @Override
  public void onRecord(InboundRecord record) {
    synchronized (records) {
      records.add(record);
    }
    if (ackNow.test(record)) {
      record.ack();
    }
  }

  /** Returns the records received so far, redeliveries included. */
  List<InboundRecord> records() {
    synchronized (records) {
      return new ArrayList<>(records);
    }
  }

  /** Returns how many records were received so far. */
  int count() {
    synchronized (records) {
      return records.size();
    }
  }

  /** Returns the values received so far with the given key, as text, in arrival order. */
  List<String> values(String key) {
    return records().stream()
        .filter(record -> key.equals(record.key()))
        .map(Received::text)
        .toList();
  }

  /** Returns a record's value as text. */
  static String text(InboundRecord record) {
    return new String(record.value(), StandardCharsets.UTF_8);
  }
}
