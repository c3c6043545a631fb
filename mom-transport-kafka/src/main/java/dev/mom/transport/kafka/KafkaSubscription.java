package dev.mom.transport.kafka;

import dev.mom.api.MomException;
import dev.mom.spi.RecordListener;
import dev.mom.spi.SubscribeRequest;
import dev.mom.spi.Subscription;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer group member on one topic: a thread that owns a {@link KafkaConsumer}, polls it
 * without pause, hands records to Mom and commits what Mom acknowledged.
 *
 * <p><b>Threads.</b> The poll thread alone touches the consumer and the {@link OffsetLedger}.
 * {@link #pause()}, {@link #resume()}, acknowledgements and releases come from any thread and only
 * set flags or queue the record; the poll thread applies them on its next turn, at most {@link
 * #BUSY_POLL} later while work is outstanding.
 *
 * <p><b>Flow control.</b> The poll thread keeps polling while paused, so the broker never sees a
 * member that stopped polling, however long a handler or a retry backoff takes. It pauses every
 * assigned partition when Mom asks, and also while the records delivered but not yet covered by a
 * confirmed commit reach Mom's in-flight limit: after a crash at most that many records come back.
 *
 * <p><b>Commits.</b> Per partition, only the contiguous prefix of acknowledged records is committed
 * (asynchronously, every {@link #COMMIT_INTERVAL} or at once when the limit above is reached; and
 * synchronously on revocation and close).
 *
 * <p><b>Rebalance.</b> When partitions are revoked, the poll thread waits up to {@code
 * kafka-revoke-timeout} for Mom to finish their records, commits the acknowledged prefix, and
 * revokes the rest: {@link KafkaInboundRecord#isRevoked()} turns true and their acknowledgements
 * are ignored, since the new owner will get them.
 *
 * <p><b>Release.</b> A released record rewinds its partition: it and the records after it are
 * fetched and delivered again, and those after it that Mom still holds are revoked.
 */
final class KafkaSubscription implements Subscription {

  static final Duration IDLE_POLL = Duration.ofMillis(100);
  static final Duration BUSY_POLL = Duration.ofMillis(10);
  static final Duration FULL_POLL = Duration.ofMillis(1);
  static final Duration COMMIT_INTERVAL = Duration.ofMillis(100);

  private static final Logger log = LoggerFactory.getLogger(KafkaSubscription.class);
  private static final AtomicInteger MEMBERS = new AtomicInteger();
  private static final Duration SETTLE_CHECK = Duration.ofMillis(50);
  private static final Duration ERROR_BACKOFF = Duration.ofSeconds(1);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaSettings settings;
  private final Topics topics;
  private final SubscribeRequest request;
  private final RecordListener listener;
  private final ConsumerRebalanceListener observer;
  private final Consumer<KafkaSubscription> onClosed;
  private final String identity;
  private final Duration maxPollInterval;
  private final Thread pollThread;
  private final AtomicBoolean closing = new AtomicBoolean();
  private volatile boolean pauseRequested;
  private volatile boolean awaitingSettlement;

  // Poll thread only, once started; the consumer is created by the subscribing thread.
  private final Queue<KafkaInboundRecord> released = new ConcurrentLinkedQueue<>();
  private final OffsetLedger ledger = new OffsetLedger();
  private final KafkaConsumer<byte[], byte[]> consumer;
  private boolean paused;
  private long lastCommitNanos;

  KafkaSubscription(
      KafkaSettings settings,
      Topics topics,
      SubscribeRequest request,
      RecordListener listener,
      ConsumerRebalanceListener observer,
      Consumer<KafkaSubscription> onClosed) {
    this.settings = settings;
    this.topics = topics;
    this.request = request;
    this.listener = listener;
    this.observer = observer;
    this.onClosed = onClosed;
    this.identity =
        "group " + LogText.quote(request.group()) + ", topic " + LogText.quote(request.topic());
    this.pollThread = new Thread(this::run, "mom-kafka-poll-" + MEMBERS.incrementAndGet());
    this.pollThread.setDaemon(true);
    this.maxPollInterval = maxPollInterval(settings, request);
    this.consumer = newConsumer(settings, request);
  }

  private static KafkaConsumer<byte[], byte[]> newConsumer(
      KafkaSettings settings, SubscribeRequest request) {
    try {
      return new KafkaConsumer<>(settings.consumerConfig(request.group(), request.maxInFlight()));
    } catch (KafkaException e) {
      throw new MomException(
          "cannot create a Kafka consumer: " + Failures.describe(e),
          e,
          request.topic(),
          null,
          KafkaTransport.NAME);
    }
  }

  /** Starts the poll thread. */
  void start() {
    pollThread.start();
  }

  /** {@inheritDoc} Any thread; does not block. */
  @Override
  public void pause() {
    pauseRequested = true;
  }

  /** {@inheritDoc} Any thread; does not block. */
  @Override
  public void resume() {
    pauseRequested = false;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Blocks until the poll thread committed the acknowledged prefix and closed the consumer,
   * unless called from the poll thread itself (from the listener), which then closes on its way
   * out.
   */
  @Override
  public void close() {
    closing.set(true);
    if (Thread.currentThread() == pollThread) {
      return;
    }
    try {
      pollThread.join(CLOSE_TIMEOUT.multipliedBy(2).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    try {
      ensureTopic();
      consumer.subscribe(List.of(request.topic()), new RebalanceHandler());
      log.info("Subscribed: {}", identity);
      while (!closing.get()) {
        turnSafely();
      }
    } finally {
      shutDown();
    }
  }

  private void ensureTopic() {
    try {
      topics.ensure(request.topic());
    } catch (RuntimeException e) {
      log.warn("Subscribing anyway, {}: {}", identity, e.getMessage());
    }
  }

  /**
   * Runs one turn; a failure is logged and the loop goes on after a pause, since most are passing
   * (the broker restarting, a rebalance) and the rest need an operator, not a dead member.
   */
  private void turnSafely() {
    try {
      turn();
    } catch (InterruptException e) {
      closing.set(true);
    } catch (RuntimeException e) {
      log.error(
          "Poll failed, retrying in {} ms, {}: {}",
          ERROR_BACKOFF.toMillis(),
          identity,
          Failures.describe(e),
          e);
      LockSupport.parkNanos(ERROR_BACKOFF.toNanos());
    }
  }

  /** One turn of the poll loop: flow control, poll, delivery, commit. */
  private void turn() {
    redeliverReleased();
    applyFlowControl();
    deliver(consumer.poll(pollTimeout()));
    commitIfDue();
  }

  private Duration pollTimeout() {
    if (full()) {
      // Waiting for a commit to be confirmed: a poll returns only at its timeout, and the
      // confirmation is what lets records flow again.
      return FULL_POLL;
    }
    return ledger.outstanding() > 0 || paused ? BUSY_POLL : IDLE_POLL;
  }

  private boolean full() {
    return ledger.outstanding() >= request.maxInFlight();
  }

  private void applyFlowControl() {
    boolean wanted = pauseRequested || full();
    if (wanted && !paused) {
      consumer.pause(consumer.assignment());
    } else if (!wanted && paused) {
      consumer.resume(consumer.paused());
    }
    paused = wanted;
  }

  /**
   * Hands records to Mom until it asks to pause or the in-flight limit is reached; the consumer is
   * rewound to the first record not handed over in each partition, so it is fetched again later.
   */
  private void deliver(ConsumerRecords<byte[], byte[]> records) {
    for (TopicPartition partition : records.partitions()) {
      List<ConsumerRecord<byte[], byte[]>> batch = records.records(partition);
      int handed = handOver(batch);
      if (handed < batch.size()) {
        consumer.seek(partition, batch.get(handed).offset());
      }
    }
  }

  private int handOver(List<ConsumerRecord<byte[], byte[]>> batch) {
    int handed = 0;
    while (handed < batch.size() && !pauseRequested && !full()) {
      KafkaInboundRecord record =
          KafkaInboundRecord.of(batch.get(handed), this::onSettled, this::onReleased);
      ledger.delivered(record);
      handed++;
      callListener(record);
    }
    return handed;
  }

  private void callListener(KafkaInboundRecord record) {
    try {
      listener.onRecord(record);
    } catch (RuntimeException e) {
      // The record stays unacknowledged, so it holds back commits and comes back after a restart.
      log.error(
          "Listener failed on {}, {}: {}", record.position(), identity, Failures.describe(e), e);
    }
  }

  /** Called on the acknowledging thread; wakes the poll thread if it waits for a revocation. */
  private void onSettled() {
    if (awaitingSettlement) {
      LockSupport.unpark(pollThread);
    }
  }

  /** Called on the releasing thread. */
  private void onReleased(KafkaInboundRecord record) {
    released.add(record);
    onSettled();
  }

  /**
   * Rewinds each partition with a released record to the first one released, so that it and the
   * records after it come again in order. Those after it that Mom still holds are revoked: Mom does
   * not start them, and what it finishes is delivered again (at least once, never skipped).
   */
  private void redeliverReleased() {
    Map<TopicPartition, Long> from = new HashMap<>();
    for (KafkaInboundRecord record = released.poll(); record != null; record = released.poll()) {
      if (!record.isRevoked()) {
        from.merge(record.partition(), record.offset(), Math::min);
      }
    }
    from.forEach(
        (partition, offset) -> {
          if (ledger.rewind(partition, offset)) {
            consumer.seek(partition, offset);
          }
        });
  }

  private void commitIfDue() {
    // Committing from half the window on keeps records flowing while the broker confirms.
    boolean due =
        ledger.outstanding() >= request.maxInFlight() / 2
            || System.nanoTime() - lastCommitNanos >= COMMIT_INTERVAL.toNanos();
    if (!due) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = ledger.issueCommits(ledger.partitions());
    if (offsets.isEmpty()) {
      return;
    }
    lastCommitNanos = System.nanoTime();
    // The callback runs on this thread, inside a later poll or commit.
    consumer.commitAsync(offsets, (committed, error) -> onCommitted(offsets, error));
  }

  private void onCommitted(Map<TopicPartition, OffsetAndMetadata> offsets, Exception error) {
    ledger.committed(offsets, error);
    if (error != null) {
      log.debug("Commit failed, will retry, {}: {}", identity, Failures.describe(error));
    }
  }

  /** Commits the acknowledged prefix of the partitions and waits for the broker's answer. */
  private void commitNow(Collection<TopicPartition> partitions) {
    Map<TopicPartition, OffsetAndMetadata> offsets = ledger.issueCommits(partitions);
    if (offsets.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(offsets, CLOSE_TIMEOUT);
      ledger.committed(offsets, null);
    } catch (KafkaException e) {
      ledger.committed(offsets, e);
      log.warn(
          "Commit failed; the records after the last commit will be delivered again, {}: {}",
          identity,
          Failures.describe(e));
    }
  }

  /** Handles revoked partitions: wait a little, revoke what is unsettled, commit the rest. */
  private void revoke(Collection<TopicPartition> partitions, boolean commit) {
    if (commit && !closing.get()) {
      awaitSettlement(partitions);
    }
    ledger.revokeUnsettled(partitions);
    if (commit) {
      commitNow(partitions);
    }
    ledger.remove(partitions);
  }

  /**
   * Waits, up to the revoke timeout, until Mom is done with the records of the partitions. The wait
   * is bounded by half of {@code max.poll.interval.ms} too, so the member rejoins in time.
   */
  private void awaitSettlement(Collection<TopicPartition> partitions) {
    long limit = Math.min(settings.revokeTimeout().toNanos(), maxPollInterval.toNanos() / 2);
    long deadline = System.nanoTime() + limit;
    awaitingSettlement = true;
    try {
      while (!ledger.allDone(partitions)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        LockSupport.parkNanos(this, Math.min(left, SETTLE_CHECK.toNanos()));
      }
    } finally {
      awaitingSettlement = false;
    }
  }

  private static Duration maxPollInterval(KafkaSettings settings, SubscribeRequest request) {
    Object configured =
        settings.consumerConfig(request.group(), 1).get(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG);
    long millis = configured == null ? 300_000 : Long.parseLong(configured.toString().trim());
    return Duration.ofMillis(millis);
  }

  /**
   * Poll thread, on the way out: revoke what Mom has not acknowledged, commit what it has, close
   * the consumer. Closing does not wait for records in progress: Mom waited before it closed.
   */
  private void shutDown() {
    try {
      revoke(ledger.partitions(), true);
      consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
    } catch (RuntimeException e) {
      log.warn("Closing the consumer failed, {}: {}", identity, Failures.describe(e));
    } finally {
      onClosed.accept(this);
      log.info("Closed: {}", identity);
    }
  }

  /** Runs on the poll thread, inside {@code poll} or {@code close}. */
  private final class RebalanceHandler implements ConsumerRebalanceListener {

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      ledger.assigned(partitions);
      if (paused) {
        consumer.pause(partitions);
      }
      log.info("Assigned {}, {}", partitions, identity);
      observer.onPartitionsAssigned(partitions);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      revoke(partitions, true);
      log.info("Revoked {}, {}", partitions, identity);
      observer.onPartitionsRevoked(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      revoke(partitions, false);
      log.warn("Lost {} without a chance to commit, {}", partitions, identity);
      observer.onPartitionsLost(partitions);
    }
  }
}
