package dev.mom.api;

import java.util.concurrent.CompletableFuture;

/**
 * Writes messages to one topic, wrapped in Mom's JSON envelope.
 *
 * <p>The id is the message's correlation key: the Kafka record key, the Pub/Sub ordering key.
 * Messages written with the same id to one topic are delivered in the order written, provided each
 * write was started after the previous one with that id was started (as it is from one thread). The
 * payload is any value Jackson can write: a {@code JsonNode}, a record, a map, a string, a number
 * or {@code null}.
 *
 * <p><b>Threads.</b> A producer is thread-safe and meant to be shared. Producers are cached per
 * topic by {@code Mom}; closing {@code Mom} closes them.
 */
public interface Producer extends AutoCloseable {

  /** Returns the topic this producer writes to. */
  String topic();

  /**
   * Writes one message and returns once the broker has it durably (Kafka: acknowledged by all
   * in-sync replicas; Pub/Sub: publish acknowledged).
   *
   * @param id the correlation id, not {@code null} or empty
   * @param payload the payload, any value Jackson can write, {@code null} included
   * @throws MomException if the broker refused the message or could not be reached; the message
   *     says why (for example its size and the limit). The producer stays usable.
   * @throws IllegalArgumentException if the id is empty or the payload cannot be written as JSON
   */
  void write(String id, Object payload);

  /**
   * Starts writing one message without waiting for the broker.
   *
   * <p>The returned future completes when the broker has the message durably, or exceptionally with
   * a {@link MomException} saying why it did not. It never completes on the caller's thread while
   * holding a lock of Mom's, so callbacks may write again.
   *
   * @param id the correlation id, not {@code null} or empty
   * @param payload the payload, any value Jackson can write, {@code null} included
   * @return a future for the broker's acknowledgement
   * @throws IllegalArgumentException if the id is empty or the payload cannot be written as JSON
   */
  CompletableFuture<Void> writeAsync(String id, Object payload);

  /**
   * Waits for writes already started to finish, then releases this producer. Writing after close
   * throws {@link IllegalStateException}. Closing twice does nothing.
   */
  @Override
  void close();
}
