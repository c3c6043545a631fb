package dev.mom.transport.inmemory;

import dev.mom.api.MomException;
import dev.mom.spi.OutboundRecord;
import dev.mom.spi.RecordListener;
import dev.mom.spi.SubscribeRequest;
import dev.mom.spi.Subscription;
import dev.mom.spi.Transport;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link Transport} over an {@link InMemoryBroker}. Closing it closes its subscriptions; the
 * broker and its records stay, for other transports and for assertions.
 */
final class InMemoryTransport implements Transport {
  private final InMemoryBroker broker;
  private final Set<Member> subscriptions = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  InMemoryTransport(InMemoryBroker broker) {
    this.broker = broker;
  }

  @Override
  public String name() {
    return InMemoryTransportProvider.NAME;
  }

  /**
   * Appends the record on the caller's thread; the future is complete when this returns, and failed
   * with a {@link MomException} when the topic is full.
   */
  @Override
  public CompletableFuture<Void> send(OutboundRecord record) {
    Objects.requireNonNull(record, "record");
    checkOpen();
    try {
      broker.append(record.topic(), record.key(), record.value(), record.headers());
      return CompletableFuture.completedFuture(null);
    } catch (MomException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public synchronized Subscription subscribe(SubscribeRequest request, RecordListener listener) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(listener, "listener");
    checkOpen();
    Member member =
        broker.topic(request.topic()).subscribe(request, listener, subscriptions::remove);
    subscriptions.add(member);
    return member;
  }

  @Override
  public void close() {
    List<Member> open;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      open = List.copyOf(subscriptions);
    }
    open.forEach(Member::close);
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the in-memory transport is closed");
    }
  }

  @Override
  public String toString() {
    return "InMemoryTransport[broker=" + broker.name() + "]";
  }
}
