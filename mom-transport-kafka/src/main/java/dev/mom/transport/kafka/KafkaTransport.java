package dev.mom.transport.kafka;

import dev.mom.api.MomException;
import dev.mom.spi.OutboundRecord;
import dev.mom.spi.RecordListener;
import dev.mom.spi.SubscribeRequest;
import dev.mom.spi.Subscription;
import dev.mom.spi.Transport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka {@link Transport}: one idempotent producer shared by every send, one consumer per
 * subscription.
 *
 * <p><b>Sending.</b> {@link #send} hands the record to a single sender thread, so the caller never
 * waits for metadata, topic creation or a full buffer, and records keep the order they were sent
 * in. The sender thread makes sure the topic exists first (see {@link Topics}). Futures complete on
 * a separate completion thread, not on the Kafka client's network thread, so a dependent stage that
 * blocks cannot stall the producer.
 *
 * <p>Thread-safe. See {@link Transport} for the contract.
 */
final class KafkaTransport implements Transport {

  /** The transport's name, as its provider's. */
  static final String NAME = "kafka";

  private static final Logger log = LoggerFactory.getLogger(KafkaTransport.class);
  private static final Duration SENDER_DRAIN = Duration.ofSeconds(60);

  private final KafkaSettings settings;
  private final Topics topics;
  private final ConsumerRebalanceListener rebalanceObserver;
  private final ExecutorService sender = Executors.newSingleThreadExecutor(daemon("sender"));
  private final ExecutorService completions =
      Executors.newSingleThreadExecutor(daemon("completions"));
  private final Set<KafkaSubscription> subscriptions = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final int maxRequestSize;
  private Producer<byte[], byte[]> producer;
  private volatile boolean producerBroken;

  /**
   * Creates the transport; no connection is opened until the first send or subscription.
   *
   * @param settings the checked settings
   */
  KafkaTransport(KafkaSettings settings) {
    this(settings, new NoRebalanceObserver());
  }

  /**
   * Creates the transport with an observer that every subscription's consumer also reports its
   * rebalances to, after the transport handled them. For tests that count rebalances.
   */
  KafkaTransport(KafkaSettings settings, ConsumerRebalanceListener rebalanceObserver) {
    this.settings = settings;
    this.topics = new Topics(settings);
    this.rebalanceObserver = rebalanceObserver;
    this.maxRequestSize = settings.maxRequestSize();
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Does not block. The future completes on the transport's completion thread.
   *
   * @throws IllegalStateException after {@link #close()}
   */
  @Override
  public CompletableFuture<Void> send(OutboundRecord record) {
    Objects.requireNonNull(record, "record");
    checkOpen();
    CompletableFuture<Void> result = new CompletableFuture<>();
    try {
      sender.execute(() -> sendNow(record, result));
    } catch (RejectedExecutionException e) {
      throw new IllegalStateException("the Kafka transport is closed", e);
    }
    return result;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Does not block: the subscription's own thread creates the topic if needed and allowed, joins
   * the group and starts polling.
   *
   * @throws MomException if kafka-clients cannot create the consumer
   * @throws IllegalStateException after {@link #close()}
   */
  @Override
  public Subscription subscribe(SubscribeRequest request, RecordListener listener) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(listener, "listener");
    checkOpen();
    KafkaSubscription subscription =
        new KafkaSubscription(
            settings, topics, request, listener, rebalanceObserver, subscriptions::remove);
    subscriptions.add(subscription);
    subscription.start();
    return subscription;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Blocks until the subscriptions are closed and the records already sent are acknowledged or
   * failed (each within {@code delivery.timeout.ms}).
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    new ArrayList<>(subscriptions).forEach(KafkaSubscription::close);
    sender.execute(this::closeProducer);
    sender.shutdown();
    awaitTermination(sender);
    completions.shutdown();
    awaitTermination(completions);
    topics.close();
  }

  private void sendNow(OutboundRecord record, CompletableFuture<Void> result) {
    try {
      topics.ensure(record.topic());
      producer()
          .send(
              toProducerRecord(record), (metadata, error) -> completeLater(result, error, record));
    } catch (RuntimeException e) {
      complete(result, e, record);
    }
  }

  private void completeLater(
      CompletableFuture<Void> result, Exception error, OutboundRecord record) {
    try {
      completions.execute(() -> complete(result, error, record));
    } catch (RejectedExecutionException e) {
      complete(result, error, record);
    }
  }

  private void complete(CompletableFuture<Void> result, Throwable error, OutboundRecord record) {
    if (error == null) {
      result.complete(null);
      return;
    }
    if (Failures.breaksProducer(error)) {
      producerBroken = true;
    }
    result.completeExceptionally(Failures.sendFailed(error, record, maxRequestSize));
  }

  /** Returns the producer, replacing it if a failure left it unable to send. Sender thread only. */
  private Producer<byte[], byte[]> producer() {
    if (producer != null && producerBroken) {
      log.warn("Replacing the Kafka producer after a failure it cannot recover from");
      producer.close(Duration.ZERO);
      producer = null;
    }
    if (producer == null) {
      producerBroken = false;
      producer = new KafkaProducer<>(settings.producerConfig());
    }
    return producer;
  }

  private void closeProducer() {
    if (producer != null) {
      producer.close();
      producer = null;
    }
  }

  private static ProducerRecord<byte[], byte[]> toProducerRecord(OutboundRecord record) {
    byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
    List<Header> headers = new ArrayList<>(record.headers().size());
    for (Map.Entry<String, String> header : record.headers().entrySet()) {
      headers.add(
          new RecordHeader(header.getKey(), header.getValue().getBytes(StandardCharsets.UTF_8)));
    }
    return new ProducerRecord<>(record.topic(), null, key, record.value(), headers);
  }

  private void checkOpen() {
    if (closed.get()) {
      throw new IllegalStateException("the Kafka transport is closed");
    }
  }

  private static void awaitTermination(ExecutorService executor) {
    try {
      if (!executor.awaitTermination(SENDER_DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("Kafka sends did not finish within {} s", SENDER_DRAIN.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MomException("interrupted while closing the Kafka transport", e);
    }
  }

  private static ThreadFactory daemon(String role) {
    return runnable -> {
      Thread thread = new Thread(runnable, "mom-kafka-" + role);
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Observes nothing. */
  private static final class NoRebalanceObserver implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}
  }
}
