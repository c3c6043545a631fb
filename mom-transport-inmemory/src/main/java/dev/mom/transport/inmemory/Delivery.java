package dev.mom.transport.inmemory;

import dev.mom.spi.InboundRecord;
import java.util.Map;

/**
 * A record handed to one member of a consumer group. Its state ({@code settled}) is guarded by the
 * topic's lock; {@code revoked} is also read without it, by {@link #isRevoked()}.
 */
final class Delivery implements InboundRecord {
  private final StoredRecord record;
  private final Member member;
  private volatile boolean revoked;
  private boolean settled;

  Delivery(StoredRecord record, Member member) {
    this.record = record;
    this.member = member;
  }

  @Override
  public String topic() {
    return record.topic();
  }

  @Override
  public String key() {
    return record.key();
  }

  @Override
  public byte[] value() {
    return record.value();
  }

  @Override
  public Map<String, String> headers() {
    return record.headers();
  }

  @Override
  public String position() {
    return record.position();
  }

  @Override
  public boolean isRevoked() {
    return revoked;
  }

  @Override
  public void ack() {
    member.acknowledge(this);
  }

  @Override
  public void release() {
    member.release(this);
  }

  Member member() {
    return member;
  }

  int partition() {
    return record.partition();
  }

  long offset() {
    return record.offset();
  }

  /** Whether an ack or release still counts: neither came yet and the member still owns it. */
  boolean isOpen() {
    return !settled && !revoked;
  }

  void markSettled() {
    settled = true;
  }

  void markRevoked() {
    revoked = true;
  }

  @Override
  public String toString() {
    return "Delivery[" + record.topic() + ", " + record.position() + "]";
  }
}
