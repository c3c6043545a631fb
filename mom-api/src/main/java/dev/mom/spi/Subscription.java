package dev.mom.spi;

/**
 * A consumer group's live subscription to a topic.
 *
 * <p><b>Flow control.</b> {@link #pause()} and {@link #resume()} may be called from any thread, the
 * listener's included, and take effect soon: records already fetched may still arrive after {@code
 * pause()}. While paused, a transport keeps its session with the broker alive (Kafka keeps polling,
 * Pub/Sub keeps extending ack deadlines).
 *
 * <p><b>Close.</b> {@link #close()} stops fetching, commits what was acknowledged, and leaves the
 * group. Records not acknowledged are delivered again later. Mom calls it after the in-flight
 * records finished or the shutdown timeout passed. Closing twice does nothing.
 */
public interface Subscription extends AutoCloseable {

  /** Stops fetching new records until {@link #resume()}. */
  void pause();

  /** Starts fetching again after {@link #pause()}. */
  void resume();

  /** Closes the subscription; see the class documentation. */
  @Override
  void close();
}
