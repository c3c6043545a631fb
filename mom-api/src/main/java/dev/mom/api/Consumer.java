package dev.mom.api;

/**
 * Handles the messages of one topic for one consumer group.
 *
 * <p><b>Threads.</b> Mom calls {@code onMessage} from its worker threads. Messages with the same id
 * are handed over one at a time, in the order they were written, never concurrently; messages with
 * different ids may be handled in parallel, up to the {@code concurrency} setting. A consumer
 * registered more than once, or shared between ids, must therefore be thread-safe.
 *
 * <p><b>Blocking.</b> {@code onMessage} may block (I/O, a database call); the broker connection is
 * kept alive meanwhile. It holds up only the messages of the same id and one worker thread.
 *
 * <p><b>Outcome.</b> Returning normally acknowledges the message. Throwing {@link
 * UnrecoverableException} dead-letters it at once. Throwing anything else, {@link
 * RecoverableException} included, retries it with backoff and dead-letters it after the last
 * attempt. Delivery is at least once: after a crash or rebalance a message may be handed over
 * again, so handlers should be idempotent.
 */
@FunctionalInterface
public interface Consumer {

  /**
   * Handles one message.
   *
   * @param message the message, never {@code null}
   * @throws Exception to fail the message; see the class documentation for what each kind means
   */
  void onMessage(Message message) throws Exception;
}
