package dev.mom.transport.kafka;

import dev.mom.spi.InboundRecord;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * One Kafka record handed to Mom, with its settlement state.
 *
 * <p>The state moves from pending to acknowledged, released or revoked, and never back, except that
 * a released record may still be revoked. Transitions are atomic, so an {@link #ack()} racing with
 * a revocation either wins (and the record may be committed) or is ignored.
 */
final class KafkaInboundRecord implements InboundRecord {

  private static final int PENDING = 0;
  private static final int ACKED = 1;
  private static final int RELEASED = 2;
  private static final int REVOKED = 3;

  private final TopicPartition partition;
  private final long offset;
  private final String key;
  private final byte[] value;
  private final Map<String, String> headers;
  private final Runnable onAcked;
  private final Consumer<KafkaInboundRecord> onReleased;
  private final AtomicInteger state = new AtomicInteger(PENDING);

  private KafkaInboundRecord(
      ConsumerRecord<byte[], byte[]> record,
      Runnable onAcked,
      Consumer<KafkaInboundRecord> onReleased) {
    this.partition = new TopicPartition(record.topic(), record.partition());
    this.offset = record.offset();
    this.key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    this.value = record.value();
    this.headers = readHeaders(record);
    this.onAcked = onAcked;
    this.onReleased = onReleased;
  }

  /**
   * Wraps a consumed record.
   *
   * @param record the record
   * @param onAcked called on the acknowledging thread after an acknowledgement took effect; must be
   *     cheap and must not block
   * @param onReleased called on the releasing thread with this record after a release took effect;
   *     must be cheap and must not block
   * @return the record
   */
  static KafkaInboundRecord of(
      ConsumerRecord<byte[], byte[]> record,
      Runnable onAcked,
      Consumer<KafkaInboundRecord> onReleased) {
    return new KafkaInboundRecord(record, onAcked, onReleased);
  }

  @Override
  public String topic() {
    return partition.topic();
  }

  @Override
  public String key() {
    return key;
  }

  @Override
  public byte[] value() {
    return value;
  }

  @Override
  public Map<String, String> headers() {
    return headers;
  }

  @Override
  public String position() {
    return "partition " + partition.partition() + ", offset " + offset;
  }

  @Override
  public boolean isRevoked() {
    return state.get() == REVOKED;
  }

  @Override
  public void ack() {
    if (state.compareAndSet(PENDING, ACKED)) {
      onAcked.run();
    }
  }

  @Override
  public void release() {
    if (state.compareAndSet(PENDING, RELEASED)) {
      onReleased.accept(this);
    }
  }

  /** Returns the partition the record came from. */
  TopicPartition partition() {
    return partition;
  }

  /** Returns the record's offset in its partition. */
  long offset() {
    return offset;
  }

  /** Returns whether the record was acknowledged, so its offset may be committed. */
  boolean isAcked() {
    return state.get() == ACKED;
  }

  /** Returns whether Mom is done with the record: acknowledged, released or revoked. */
  boolean isDone() {
    return state.get() != PENDING;
  }

  /** Revokes the record unless it was acknowledged; later acknowledgements are ignored. */
  void revoke() {
    state.updateAndGet(current -> current == ACKED ? ACKED : REVOKED);
  }

  private static Map<String, String> readHeaders(ConsumerRecord<byte[], byte[]> record) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (Header header : record.headers()) {
      byte[] bytes = header.value();
      headers.put(header.key(), bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8));
    }
    return Collections.unmodifiableMap(headers);
  }
}
