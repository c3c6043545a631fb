package dev.mom.transport.pubsub;

import com.google.cloud.pubsub.v1.AckReplyConsumer;
import com.google.pubsub.v1.PubsubMessage;
import dev.mom.spi.InboundRecord;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Pub/Sub message as Mom sees it: the data is the value, the attributes are the headers, the
 * ordering key is the key.
 *
 * <p>{@link #ack()} and {@link #release()} may be called from any thread; the first call wins and
 * calls after the subscription closed do nothing, because the subscription gives back every message
 * not settled when it closes.
 */
final class PubSubRecord implements InboundRecord {
  private final String topic;
  private final PubsubMessage message;
  private final AckReplyConsumer reply;
  private final PubSubSubscription owner;
  private final AtomicBoolean settled = new AtomicBoolean();
  private volatile byte[] value;

  PubSubRecord(
      String topic, PubsubMessage message, AckReplyConsumer reply, PubSubSubscription owner) {
    this.topic = topic;
    this.message = message;
    this.reply = reply;
    this.owner = owner;
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
    return owner.isClosed();
  }

  @Override
  public void ack() {
    if (!owner.isClosed() && settle()) {
      reply.ack();
    }
  }

  /** Nacks the message: Pub/Sub delivers it again at once, with the later ones of its key. */
  @Override
  public void release() {
    if (!owner.isClosed() && settle()) {
      reply.nack();
    }
  }

  /** Nacks the message while its subscription closes, unless it was settled already. */
  void giveBack() {
    if (settle()) {
      reply.nack();
    }
  }

  private boolean settle() {
    if (!settled.compareAndSet(false, true)) {
      return false;
    }
    owner.settled(this);
    return true;
  }
}
