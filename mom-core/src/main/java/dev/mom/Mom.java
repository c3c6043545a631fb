package dev.mom;

import dev.mom.api.ConfigurationException;
import dev.mom.api.Consumer;
import dev.mom.api.Producer;
import dev.mom.api.UnrecoverableException;
import dev.mom.core.internal.DeadLetters;
import dev.mom.core.internal.Dispatcher;
import dev.mom.core.internal.EnvelopeCodec;
import dev.mom.core.internal.LogText;
import dev.mom.core.internal.MomProducer;
import dev.mom.core.internal.TransportSelector;
import dev.mom.spi.SubscribeRequest;
import dev.mom.spi.Transport;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
  private static final Logger log = LoggerFactory.getLogger(Mom.class);

  private final MomSettings settings;
  private final Transport transport;
  private final EnvelopeCodec codec = new EnvelopeCodec();
  private final Clock clock = Clock.systemUTC();
  private final ScheduledExecutorService scheduler;
  private final Map<String, MomProducer> producers = new ConcurrentHashMap<>();
  private final List<Registration> registrations = new ArrayList<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private boolean started;
  private boolean closing;

  private Mom(MomSettings settings, Transport transport) {
    this.settings = settings;
    this.transport = transport;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(daemonThreads("mom-scheduler", false));
    log.info("Mom started: transport={} settings from {}", transport.name(), settings.source());
  }

  /**
   * Builds Mom from the INI file named by {@code MOM_CONFIG_FILE} (or, for PyMom users, {@code
   * PYMOM_CONFIG_FILE}), with {@code MOM_*} environment variables overriding its values. Without
   * either variable, the settings come from the environment variables alone.
   *
   * @return a new Mom; the caller closes it
   * @throws dev.mom.api.ConfigurationException if the file is missing or a setting is bad
   */
  public static Mom fromEnvironment() {
    return create(MomSettings.fromEnvironment());
  }

  /**
   * Builds Mom from an INI file, with {@code MOM_*} environment variables overriding its values.
   *
   * @param file the INI file
   * @return a new Mom; the caller closes it
   * @throws dev.mom.api.ConfigurationException if the file is missing or a setting is bad
   */
  public static Mom fromFile(Path file) {
    return create(MomSettings.fromFile(file));
  }

  /**
   * Builds Mom from settings, picking the transport they name among those on the class path.
   *
   * @param settings the settings
   * @return a new Mom; the caller closes it
   * @throws dev.mom.api.ConfigurationException if no transport fits or its settings are bad
   */
  public static Mom create(MomSettings settings) {
    Objects.requireNonNull(settings, "settings");
    return new Mom(settings, TransportSelector.open(settings, classLoader()));
  }

  /** Returns a builder that takes the same settings as the INI file, in code. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the settings in use. */
  public MomSettings settings() {
    return settings;
  }

  /** Returns the name of the transport in use. */
  public String transportName() {
    return transport.name();
  }

  /**
   * Returns the producer for a topic, creating it on first use. Producers are shared.
   *
   * @param topic the topic
   * @return the producer
   * @throws IllegalStateException after {@link #close()}
   */
  public Producer producer(String topic) {
    Objects.requireNonNull(topic, "topic");
    synchronized (this) {
      checkOpen();
    }
    // A producer the caller closed is replaced, so that closing one never breaks the topic.
    return producers.compute(
        topic,
        (name, producer) ->
            producer == null || producer.isClosed()
                ? new MomProducer(name, transport, codec, clock)
                : producer);
  }

  /**
   * Registers a consumer for a topic in a consumer group. Consumption starts with {@link #run()} or
   * {@link #start()}; registering after that starts it at once.
   *
   * @param consumer the handler
   * @param group the consumer group: groups each get every message, members share them
   * @param topic the topic
   * @throws IllegalStateException after {@link #close()}
   * @throws ConfigurationException if the dead-letter topic of this topic is the topic itself
   */
  public void register(Consumer consumer, String group, String topic) {
    Registration registration =
        new Registration(
            Objects.requireNonNull(consumer, "consumer"),
            Objects.requireNonNull(group, "group"),
            Objects.requireNonNull(topic, "topic"));
    if (settings.deadLetterTopic(topic).filter(topic::equals).isPresent()) {
      throw new ConfigurationException(
          settings.source()
              + ": dead-letter-topic: the dead-letter topic of '"
              + LogText.escape(topic)
              + "' would be the topic itself, and every failed message would fail again");
    }
    synchronized (this) {
      checkOpen();
      registrations.add(registration);
      if (started) {
        registration.start();
      }
    }
  }

  /**
   * Starts the registered consumers and returns. For tests and for services with their own main
   * loop; {@link #run()} is the usual way. Starting twice does nothing.
   *
   * @throws IllegalStateException after {@link #close()}
   */
  public synchronized void start() {
    checkOpen();
    if (!started) {
      started = true;
      registrations.forEach(Registration::start);
    }
  }

  /**
   * Starts the registered consumers and blocks until {@link #close()} or SIGTERM/SIGINT, then shuts
   * down as {@link #close()} describes.
   *
   * @throws IllegalStateException after {@link #close()}
   */
  public void run() {
    // The hook goes in first: a signal that arrives once messages flow must find it there.
    Thread hook = new Thread(this::close, "mom-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      start();
      closed.await();
    } catch (InterruptedException interrupted) {
      // Close with the flag clear, so that the transport's own waits are not cut short; the
      // caller still sees the interrupt.
      close();
      Thread.currentThread().interrupt();
    } finally {
      removeHook(hook);
    }
  }

  /** Shuts down; see the class documentation. Closing twice does nothing. */
  @Override
  public void close() {
    List<Registration> running;
    synchronized (this) {
      if (closing) {
        return;
      }
      closing = true;
      running = List.copyOf(registrations);
    }
    Instant deadline = clock.instant().plus(settings.shutdownTimeout());
    log.info("Mom stopping: transport={}", transport.name());

    running.forEach(registration -> registration.stop(deadline));
    producers.values().forEach(producer -> producer.close(remaining(deadline)));
    scheduler.shutdownNow();
    transport.close();
    closed.countDown();
    log.info("Mom stopped: transport={}", transport.name());
  }

  private Duration remaining(Instant deadline) {
    Duration left = Duration.between(clock.instant(), deadline);
    return left.isNegative() ? Duration.ZERO : left;
  }

  private void checkOpen() {
    if (closing) {
      throw new IllegalStateException("Mom is closed");
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook itself is running close(); nothing to remove.
    }
  }

  private static ClassLoader classLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : Mom.class.getClassLoader();
  }

  private static ThreadFactory daemonThreads(String prefix, boolean numbered) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      String name = numbered ? prefix + "-" + count.incrementAndGet() : prefix;
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  private Retry newRetry(String group, String topic) {
    IntervalFunction backoff =
        settings.retryJitter() > 0
            ? IntervalFunction.ofExponentialRandomBackoff(
                settings.retryInitialBackoff(),
                settings.retryMultiplier(),
                settings.retryJitter(),
                settings.retryMaxBackoff())
            : IntervalFunction.ofExponentialBackoff(
                settings.retryInitialBackoff(),
                settings.retryMultiplier(),
                settings.retryMaxBackoff());
    RetryConfig config =
        RetryConfig.custom()
            .maxAttempts(settings.retryMaxAttempts())
            .intervalFunction(backoff)
            .retryOnException(error -> !(error instanceof UnrecoverableException))
            .build();
    return Retry.of(group + "/" + topic, config);
  }

  /** One registered consumer and, once started, its dispatcher and subscription. */
  private final class Registration {
    private final Consumer consumer;
    private final String group;
    private final String topic;
    private ExecutorService workers;
    private Dispatcher dispatcher;

    Registration(Consumer consumer, String group, String topic) {
      this.consumer = consumer;
      this.group = group;
      this.topic = topic;
    }

    void start() {
      workers =
          Executors.newFixedThreadPool(
              settings.concurrency(),
              daemonThreads("mom-" + LogText.escape(group) + "-" + LogText.escape(topic), true));
      DeadLetters deadLetters =
          new DeadLetters(transport, group, settings.deadLetterTopic(topic), clock);
      dispatcher =
          new Dispatcher(
              new Dispatcher.Parts(
                  consumer,
                  group,
                  topic,
                  transport.name(),
                  codec,
                  newRetry(group, topic),
                  deadLetters,
                  workers,
                  scheduler,
                  settings.maxInFlight()));
      SubscribeRequest request = new SubscribeRequest(group, topic, settings.maxInFlight());
      dispatcher.attach(transport.subscribe(request, dispatcher));
      log.info(
          "Consuming: topic={} group={} transport={}",
          LogText.escape(topic),
          LogText.escape(group),
          transport.name());
    }

    void stop(Instant deadline) {
      if (dispatcher == null) {
        return;
      }
      try {
        dispatcher.close(deadline);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
      workers.shutdownNow();
    }
  }

  /**
   * Collects settings in code. Every setter takes the same keys and values as the INI file and is
   * checked in {@link #build()}; environment variables are not read.
   */
  public static final class Builder {
    private final Map<String, String> topLevel = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    private Transport transport;

    private Builder() {}

    /**
     * Sets a top-level key, as in the file's {@code [DEFAULT]} section.
     *
     * @param key the key, for example {@code concurrency}
     * @param value its value
     * @return this builder
     */
    public Builder set(String key, String value) {
      topLevel.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
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
      sections
          .computeIfAbsent(
              Objects.requireNonNull(section, "section"), name -> new LinkedHashMap<>())
          .put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Sets several top-level keys at once. */
    public Builder setAll(Map<String, String> settings) {
      settings.forEach(this::set);
      return this;
    }

    /** Picks the transport by name: {@code kafka}, {@code pubsub} or {@code inmemory}. */
    public Builder transport(String name) {
      return set("transport", name);
    }

    /**
     * Uses a transport made by the caller, for example over an in-memory broker a test holds. Mom
     * takes ownership and closes it.
     */
    public Builder transport(Transport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
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

    /** Sets the longest wait between two attempts. */
    public Builder retryMaxBackoff(Duration backoff) {
      return set("retry-max-backoff", backoff.toString());
    }

    /** Sets the topic failed messages go to; {@code {topic}} stands for the source topic. */
    public Builder deadLetterTopic(String topic) {
      return set("dead-letter-topic", topic);
    }

    /** Sets how long close waits for in-flight messages. */
    public Builder shutdownTimeout(Duration timeout) {
      return set("shutdown-timeout", timeout.toString());
    }

    /**
     * Checks the settings and builds Mom.
     *
     * @return a new Mom; the caller closes it
     * @throws dev.mom.api.ConfigurationException if a setting is bad or no transport fits
     */
    public Mom build() {
      MomSettings settings = MomSettings.of("builder", topLevel, sections);
      if (transport == null) {
        return create(settings);
      }
      TransportSelector.check(settings, classLoader());
      return new Mom(settings, transport);
    }
  }
}
