package dev.mom.transport.pubsub;

import com.google.api.gax.core.FixedExecutorProvider;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import com.google.pubsub.v1.SubscriptionName;
import com.google.pubsub.v1.TopicName;
import dev.mom.api.MomException;
import dev.mom.spi.OutboundRecord;
import dev.mom.spi.RecordListener;
import dev.mom.spi.SubscribeRequest;
import dev.mom.spi.Subscription;
import dev.mom.spi.Transport;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mom's transport on Google Cloud Pub/Sub.
 *
 * <ul>
 *   <li>A record is a Pub/Sub message: the value is its data, the headers its attributes, the key
 *       its ordering key. Each topic has one publisher, with message ordering on.
 *   <li>Each consumer group reads its own subscription, named by {@link SubscriptionNames}, with
 *       message ordering on; members of a group share it.
 *   <li>A topic is a Pub/Sub topic id in the configured project, or a full name {@code
 *       projects/<project>/topics/<topic>}.
 * </ul>
 *
 * <p>Thread-safe. Sending never blocks; subscribing blocks until the subscription exists and the
 * streams are open. {@link #close()} closes the subscriptions, then publishes what is queued, then
 * closes the clients and the emulator channel.
 */
final class PubSubTransport implements Transport {
  private static final Logger log = LoggerFactory.getLogger(PubSubTransport.class);
  private static final Duration THREADS_CLOSE_WAIT = Duration.ofSeconds(5);

  private final PubSubConfig config;
  private final Connection connection;
  private final Admin admin;
  private final ScheduledExecutorService clientThreads;
  private final Map<String, TopicPublisher> publishers = new ConcurrentHashMap<>();
  private final Set<PubSubSubscription> subscriptions = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();

  PubSubTransport(PubSubConfig config, Connection connection) {
    this.config = config;
    this.connection = connection;
    this.admin = new Admin(connection, config);
    // One pool for every publisher and for the subscribers' lease and ack work, instead of the
    // library's pools per publisher and per subscriber.
    this.clientThreads =
        Executors.newScheduledThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()),
            new ThreadFactoryBuilder().setDaemon(true).setNameFormat("mom-pubsub-%d").build());
  }

  @Override
  public String name() {
    return PubSubTransportProvider.NAME;
  }

  /**
   * Publishes the record; see {@link Transport#send}. A record larger than Pub/Sub's 10 MB limit
   * fails at once; a failed publish on a key resumes that key for the next send.
   *
   * @throws IllegalStateException after {@link #close()}
   */
  @Override
  public CompletableFuture<Void> send(OutboundRecord record) {
    Objects.requireNonNull(record, "record");
    requireOpen();
    return publisherFor(record.topic()).send(record);
  }

  private TopicPublisher publisherFor(String topic) {
    TopicPublisher publisher = publishers.computeIfAbsent(topic, this::newPublisher);
    if (publisher.isBroken()) {
      // Topic creation failed earlier: try again with a fresh publisher.
      publishers.remove(topic, publisher);
      closeQuietly(publisher);
      publisher = publishers.computeIfAbsent(topic, this::newPublisher);
    }
    return publisher;
  }

  private TopicPublisher newPublisher(String topic) {
    TopicName name = topicName(topic);
    Publisher.Builder builder =
        Publisher.newBuilder(name)
            .setEnableMessageOrdering(true)
            .setExecutorProvider(FixedExecutorProvider.create(clientThreads));
    connection.channelProvider().ifPresent(builder::setChannelProvider);
    connection.credentialsProvider().ifPresent(builder::setCredentialsProvider);
    try {
      return new TopicPublisher(
          name,
          topic,
          builder.build(),
          admin.ensureTopic(name),
          clientThreads,
          config.publishTimeout());
    } catch (IOException | RuntimeException failure) {
      throw new MomException(
          "cannot create a publisher for topic " + name + ": " + Failures.describe(failure),
          failure,
          topic,
          null,
          name());
    }
  }

  /**
   * Subscribes the group; see {@link Transport#subscribe}. Creates the subscription when {@code
   * create-subscriptions} is on, then opens {@code parallel-pull} streams. Blocks on the service.
   *
   * @throws MomException if the subscription does not exist and may not be created, belongs to
   *     another topic, or cannot be read
   * @throws IllegalStateException after {@link #close()}
   */
  @Override
  public Subscription subscribe(SubscribeRequest request, RecordListener listener) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(listener, "listener");
    requireOpen();

    TopicName topic = topicName(request.topic());
    SubscriptionName name = subscriptionName(topic, request.group());
    admin.ensureSubscription(name, topic);

    PubSubSubscription subscription =
        PubSubSubscription.start(request, name, listener, connection, config, clientThreads);
    subscriptions.add(subscription);
    return new Forgetting(subscription);
  }

  /** Returns the subscription a group of a topic reads. */
  SubscriptionName subscriptionName(TopicName topic, String group) {
    String id = SubscriptionNames.of(config.subscriptionName(), topic.getTopic(), group);
    return SubscriptionName.of(config.projectId(), id);
  }

  /** Returns the Pub/Sub name of a topic: an id in the configured project, or a full name. */
  TopicName topicName(String topic) {
    if (TopicName.isParsableFrom(topic)) {
      return TopicName.parse(topic);
    }
    return TopicName.of(config.projectId(), topic);
  }

  /**
   * Closes the subscriptions, publishes what is queued (waiting up to {@code publish-timeout}), and
   * closes the clients. Blocks; closing twice does nothing.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    List<PubSubSubscription> open = new ArrayList<>(subscriptions);
    open.forEach(PubSubSubscription::close);
    publishers.values().forEach(this::closeQuietly);
    publishers.clear();
    admin.close();
    // Publishers given up on above may still have retries scheduled; they are dropped.
    clientThreads.shutdownNow();
    awaitQuietly(clientThreads);
    connection.close();
  }

  private void closeQuietly(TopicPublisher publisher) {
    try {
      if (!publisher.close(config.publishTimeout())) {
        log.warn(
            "Pub/Sub publisher of {} did not finish within {}; records still queued are dropped",
            publisher.topic(),
            config.publishTimeout());
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitQuietly(ScheduledExecutorService executor) {
    try {
      executor.awaitTermination(THREADS_CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void requireOpen() {
    if (closed.get()) {
      throw new IllegalStateException("the Pub/Sub transport is closed");
    }
  }

  /** The caller's handle on a subscription; closing it also forgets it here. */
  private final class Forgetting implements Subscription {
    private final PubSubSubscription delegate;

    Forgetting(PubSubSubscription delegate) {
      this.delegate = delegate;
    }

    @Override
    public void pause() {
      delegate.pause();
    }

    @Override
    public void resume() {
      delegate.resume();
    }

    @Override
    public void close() {
      delegate.close();
      subscriptions.remove(delegate);
    }
  }
}
