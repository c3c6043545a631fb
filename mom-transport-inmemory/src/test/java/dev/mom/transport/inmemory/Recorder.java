package dev.mom.transport.inmemory;

import dev.mom.spi.InboundRecord;
import dev.mom.spi.RecordListener;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A listener that keeps what it gets, and acknowledges it at once if asked to. */
final class Recorder implements RecordListener {
  private final boolean autoAck;
  private final List<InboundRecord> records = new CopyOnWriteArrayList<>();

  private Recorder(boolean autoAck) {
    this.autoAck = autoAck;
  }

  static Recorder acknowledging() {
    return new Recorder(true);
  }

  static Recorder holding() {
    return new Recorder(false);
  }

  @Override
  public void onRecord(InboundRecord record) {
    records.add(record);
    if (autoAck) {
      record.ack();
    }
  }

  List<InboundRecord> records() {
    return List.copyOf(records);
  }

  List<String> texts() {
    return records.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
  }

  int count() {
    return records.size();
  }
}
