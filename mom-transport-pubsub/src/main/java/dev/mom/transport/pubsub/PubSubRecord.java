package dev.mom.transport.pubsub;

import com.google.cloud.pubsub.v1.AckReplyConsumer;
import com.google.pubsub.v1.PubsubMessage;
import dev.mom.spi.InboundRecord;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * A Pub/Sub message as Mom sees it: the data is the value, the attributes are the headers, the
 * ordering key is the key.
 *
 * <p>{@link #ack()} and {@link #release()} may be called from any thread; the first call wins and
 * calls after the subscription closed do nothing, because the client library has already given the
 * message back by then.
 */
final class PubSubRecord implements InboundRecord {
  private final String topic;
  private final PubsubMessage message;
  private final AckReplyConsumer reply;
  private final BooleanSupplier closed;
  private final AtomicBoolean settled = new AtomicBoolean();
  private volatile byte[] value;

  PubSubRecord(
      String topic, PubsubMessage message, AckReplyConsumer reply, BooleanSupplier closed) {
    this.topic = topic;
    this.message = message;
    this.reply = reply;
    this.closed = closed;
  }

  @Override
  public String topic() {
    return topic;
  }

  @Override
  public String key() {
    String key = message.getOrderingKey();
    return key.isEmpty() ? null : key;
  }

  @Override
  public byte[] value() {
    byte[] bytes = value;
    if (bytes == null) {
      bytes = message.getData().toByteArray();
      value = bytes;
    }
    return bytes;
  }

  @Override
  public Map<String, String> headers() {
    return message.getAttributesMap();
  }

  @Override
  public String position() {
    return "message " + message.getMessageId();
  }

  @Override
  public boolean isRevoked() {
    return closed.getAsBoolean();
  }

  @Override
  public void ack() {
    if (settle()) {
      reply.ack();
    }
  }

  /** Nacks the message: Pub/Sub delivers it again at once, with the later ones of its key. */
  @Override
  public void release() {
    if (settle()) {
      reply.nack();
    }
  }

  private boolean settle() {
    return !closed.getAsBoolean() && settled.compareAndSet(false, true);
  }
}
