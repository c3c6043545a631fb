package dev.mom;

import dev.mom.api.Consumer;
import dev.mom.api.Producer;
import dev.mom.spi.Transport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Mom's entry point: producers, consumer registration and the run loop, over the transport the
 * configuration picks.
 *
 * <pre>{@code
 * try (Mom mom = Mom.fromEnvironment()) {
 *   mom.register(message -> handle(message), "billing", "orders");
 *   mom.run();
 * }
 * }</pre>
 *
 * <p><b>Threads.</b> All methods are thread-safe. {@link #run()} blocks the calling thread until
 * {@link #close()} is called from another thread or the JVM receives SIGTERM or SIGINT.
 *
 * <p><b>Close.</b> Stops fetching, lets in-flight messages finish within {@code shutdown-timeout},
 * acknowledges what finished, and closes producers, subscriptions and the transport. Messages not
 * finished are not acknowledged and will be delivered again.
 */
public final class Mom implements AutoCloseable {

  private Mom() {}

  /**
   * Builds Mom from the INI file named by {@code MOM_CONFIG_FILE} (or, for PyMom users, {@code
   * PYMOM_CONFIG_FILE}), with {@code MOM_*} environment variables overriding its values. Without
   * either variable, the settings come from the environment variables alone.
   *
   * @return a new, started-but-idle Mom; the caller closes it
   * @throws dev.mom.api.ConfigurationException if the file is missing or a setting is bad
   */
  public static Mom fromEnvironment() {
    throw new UnsupportedOperationException("not built yet");
  }

  /**
   * Builds Mom from an INI file, with {@code MOM_*} environment variables overriding its values.
   *
   * @param file the INI file
   * @return a new Mom; the caller closes it
   * @throws dev.mom.api.ConfigurationException if the file is missing or a setting is bad
   */
  public static Mom fromFile(Path file) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** Returns a builder that takes the same settings as the INI file, in code. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the producer for a topic, creating it on first use. Producers are shared.
   *
   * @param topic the topic
   * @return the producer
   * @throws IllegalStateException after {@link #close()}
   */
  public Producer producer(String topic) {
    throw new UnsupportedOperationException("not built yet");
  }

  /**
   * Registers a consumer for a topic in a consumer group. Consumption starts with {@link #run()} or
   * {@link #start()}; registering while running starts it at once.
   *
   * @param consumer the handler
   * @param group the consumer group: groups each get every message, members share them
   * @param topic the topic
   * @throws IllegalStateException after {@link #close()}
   */
  public void register(Consumer consumer, String group, String topic) {
    throw new UnsupportedOperationException("not built yet");
  }

  /**
   * Starts the registered consumers and returns. For tests and for services with their own main
   * loop; {@link #run()} is the usual way.
   */
  public void start() {
    throw new UnsupportedOperationException("not built yet");
  }

  /**
   * Starts the registered consumers and blocks until {@link #close()} or SIGTERM/SIGINT, then shuts
   * down as {@link #close()} describes.
   */
  public void run() {
    throw new UnsupportedOperationException("not built yet");
  }

  /** Returns the name of the transport in use. */
  public String transportName() {
    throw new UnsupportedOperationException("not built yet");
  }

  /** Shuts down; see the class documentation. Closing twice does nothing. */
  @Override
  public void close() {}

  /**
   * Collects settings in code. Every setter takes the same keys and values as the INI file and is
   * checked in {@link #build()}; environment variables are not read.
   */
  public static final class Builder {
    private Builder() {}

    /**
     * Sets a top-level key, as in the file's {@code [DEFAULT]} section.
     *
     * @param key the key, for example {@code concurrency}
     * @param value its value
     * @return this builder
     */
    public Builder set(String key, String value) {
      Objects.requireNonNull(key, "key");
      return this;
    }

    /**
     * Sets a key of a section, as in the file's {@code [section]}.
     *
     * @param section the section, for example {@code kafka}
     * @param key the key
     * @param value its value
     * @return this builder
     */
    public Builder set(String section, String key, String value) {
      return this;
    }

    /** Picks the transport by name: {@code kafka}, {@code pubsub} or {@code inmemory}. */
    public Builder transport(String name) {
      return set("transport", name);
    }

    /**
     * Uses a transport made by the caller, for example an in-memory broker a test holds. Mom takes
     * ownership and closes it.
     */
    public Builder transport(Transport transport) {
      return this;
    }

    /** Sets how many messages (of different ids) are handled at once. */
    public Builder concurrency(int threads) {
      return set("concurrency", Integer.toString(threads));
    }

    /** Sets how many messages Mom holds at most before it stops fetching. */
    public Builder maxInFlight(int messages) {
      return set("max-in-flight", Integer.toString(messages));
    }

    /** Sets how many times a message is tried in all before it is dead-lettered. */
    public Builder retryMaxAttempts(int attempts) {
      return set("retry-max-attempts", Integer.toString(attempts));
    }

    /** Sets the wait before the second attempt; later waits grow by the multiplier. */
    public Builder retryInitialBackoff(Duration backoff) {
      return set("retry-initial-backoff", backoff.toString());
    }

    /** Sets the topic failed messages go to; {@code {topic}} stands for the source topic. */
    public Builder deadLetterTopic(String topic) {
      return set("dead-letter-topic", topic);
    }

    /** Sets how long close waits for in-flight messages. */
    public Builder shutdownTimeout(Duration timeout) {
      return set("shutdown-timeout", timeout.toString());
    }

    /** Sets several top-level keys at once. */
    public Builder setAll(Map<String, String> settings) {
      settings.forEach(this::set);
      return this;
    }

    /**
     * Checks the settings and builds Mom.
     *
     * @return a new Mom; the caller closes it
     * @throws dev.mom.api.ConfigurationException if a setting is bad or no transport fits
     */
    public Mom build() {
      throw new UnsupportedOperationException("not built yet");
    }
  }
}
