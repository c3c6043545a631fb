package dev.mom.spi;

import java.util.concurrent.CompletableFuture;

/**
 * Moves bytes, keys and headers to and from one broker, and reports acknowledgements. Everything
 * that is the same for every broker (the envelope, retry, dead letters, ordering across worker
 * threads, the in-flight limit) lives in Mom's core, not here.
 *
 * <p><b>Threads.</b> All methods are thread-safe. {@link #send} never blocks on the broker.
 *
 * <p><b>Close.</b> {@link #close} closes the subscriptions still open, waits for sends already
 * started, and releases connections. Calls after close throw {@link IllegalStateException}.
 */
public interface Transport extends AutoCloseable {

  /** Returns the transport's name, as its provider's. */
  String name();

  /**
   * Starts sending one record. The key decides ordering: records with the same key to one topic
   * arrive in the order sent.
   *
   * @param record the record
   * @return a future that completes when the broker has the record durably, or exceptionally with a
   *     {@link dev.mom.api.MomException} saying why not (too large: size and limit; unknown topic;
   *     not authorised). A failed send leaves the transport usable.
   */
  CompletableFuture<Void> send(OutboundRecord record);

  /**
   * Subscribes a consumer group to a topic and starts delivering records to the listener.
   *
   * <p>Records of one key are delivered in the order written; the listener is called from one
   * transport thread at a time per subscription, and must not block. A record stays unacknowledged
   * until {@link InboundRecord#ack()}; records not acknowledged when the subscription closes, or
   * when the transport loses them to a rebalance, are delivered again, here or to another member of
   * the group.
   *
   * @param request the group, the topic and flow-control hints
   * @param listener receives the records
   * @return the subscription, which the caller closes
   */
  Subscription subscribe(SubscribeRequest request, RecordListener listener);

  /** Closes the transport; see the class documentation. Closing twice does nothing. */
  @Override
  void close();
}
