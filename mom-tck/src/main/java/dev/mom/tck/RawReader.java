package dev.mom.tck;

import dev.mom.spi.InboundRecord;
import dev.mom.spi.SubscribeRequest;
import dev.mom.spi.Subscription;
import dev.mom.spi.Transport;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Reads a topic record by record through the transport SPI, below Mom: how the suite sees dead
 * letters with their exact bytes and headers. Acknowledges every record.
 */
final class RawReader implements AutoCloseable {

  /** One record as read. */
  record Raw(String key, byte[] value, Map<String, String> headers, String position) {}

  private final Transport transport;
  private final Subscription subscription;
  private final Queue<Raw> records = new ConcurrentLinkedQueue<>();

  private RawReader(Transport transport, String group, String topic) {
    this.transport = transport;
    this.subscription = transport.subscribe(new SubscribeRequest(group, topic, 1000), this::keep);
  }

  /**
   * Starts reading a topic in a group of its own.
   *
   * @param transport the transport to read with; closed with the reader
   * @param group a group no one else uses
   * @param topic the topic
   * @return the reader
   */
  static RawReader open(Transport transport, String group, String topic) {
    return new RawReader(transport, group, topic);
  }

  private void keep(InboundRecord record) {
    byte[] value = record.value() == null ? null : record.value().clone();
    records.add(new Raw(record.key(), value, Map.copyOf(record.headers()), record.position()));
    record.ack();
  }

  /** Returns the records read so far, in the order they arrived. */
  List<Raw> records() {
    return List.copyOf(records);
  }

  @Override
  public void close() {
    try {
      subscription.close();
    } finally {
      transport.close();
    }
  }
}
