package dev.mom.transport.pubsub;

import com.google.api.core.ApiService;
import com.google.api.gax.batching.FlowControlSettings;
import com.google.api.gax.core.FixedExecutorProvider;
import com.google.api.gax.core.InstantiatingExecutorProvider;
import com.google.cloud.pubsub.v1.AckReplyConsumer;
import com.google.cloud.pubsub.v1.Subscriber;
import com.google.cloud.pubsub.v1.SubscriberShutdownSettings;
import com.google.cloud.pubsub.v1.SubscriberShutdownSettings.ShutdownMode;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.SubscriptionName;
import dev.mom.api.MomException;
import dev.mom.spi.RecordListener;
import dev.mom.spi.SubscribeRequest;
import dev.mom.spi.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer group's streaming pull on its subscription.
 *
 * <p><b>Threads.</b> The client library calls the receiver on its own threads, several at once for
 * different ordering keys but one at a time, in order, for one key. The receiver only queues the
 * message; a single delivery thread per subscription hands the queue to the listener, so the
 * listener sees one record at a time, in the order received.
 *
 * <p><b>Flow control.</b> The library holds at most {@code maxInFlight} unacknowledged messages: at
 * that count it stops handing over messages and asks the service for no more. Pub/Sub has no pause,
 * so {@link #pause()} stops the delivery thread instead: messages already pulled wait in the queue,
 * still counted by flow control, and the library keeps extending their ack deadlines until {@link
 * #resume()}. Either way the service sends nothing beyond the limit.
 *
 * <p><b>Ack deadlines.</b> The library extends the deadline of every unacknowledged message, queued
 * or handed over, for up to {@code max-ack-extension}, so a slow handler or a long retry backoff
 * does not cause a second delivery.
 *
 * <p><b>Close.</b> Nacks every message not yet acknowledged, in the order received, then stops the
 * streams, so Pub/Sub delivers those messages again at once to another member, or to this group
 * when it subscribes again. A member that dies without closing leaves its messages leased until
 * their ack deadline, about 10 seconds, passes.
 */
final class PubSubSubscription implements Subscription {
  private static final Logger log = LoggerFactory.getLogger(PubSubSubscription.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final int THREADS_PER_STREAM = 1;
  private static final Duration NACK_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Pub/Sub's shortest ack deadline. Set as the least extension, it also becomes the stream's first
   * deadline (the library's default is 60 s), so the messages of a member that dies without closing
   * come back after about 10 seconds.
   */
  private static final Duration MIN_ACK_EXTENSION = Duration.ofSeconds(10);

  private final SubscribeRequest request;
  private final SubscriptionName name;
  private final RecordListener listener;
  private final BlockingQueue<PubSubRecord> received = new LinkedBlockingQueue<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Map<PubSubRecord, Boolean> unsettled =
      Collections.synchronizedMap(new LinkedHashMap<>());
  private final Object pauseLock = new Object();
  private final Thread deliverer;
  private final Subscriber subscriber;
  private boolean paused;

  private PubSubSubscription(
      SubscribeRequest request,
      SubscriptionName name,
      RecordListener listener,
      Connection connection,
      PubSubConfig config,
      ScheduledExecutorService clientThreads) {
    this.request = request;
    this.name = name;
    this.listener = listener;
    this.subscriber = buildSubscriber(connection, config, clientThreads);
    this.deliverer = new Thread(this::deliver, "mom-pubsub-" + name.getSubscription());
    this.deliverer.setDaemon(true);
  }

  /**
   * Starts pulling from an existing subscription and returns once the streams are open.
   *
   * @param clientThreads runs lease extensions and acknowledgements; owned by the caller
   * @throws MomException if the streams cannot be opened
   */
  static PubSubSubscription start(
      SubscribeRequest request,
      SubscriptionName name,
      RecordListener listener,
      Connection connection,
      PubSubConfig config,
      ScheduledExecutorService clientThreads) {
    PubSubSubscription subscription =
        new PubSubSubscription(request, name, listener, connection, config, clientThreads);
    subscription.start();
    return subscription;
  }

  private Subscriber buildSubscriber(
      Connection connection, PubSubConfig config, ScheduledExecutorService clientThreads) {
    FlowControlSettings flowControl =
        Subscriber.Builder.getDefaultFlowControlSettings().toBuilder()
            .setMaxOutstandingElementCount((long) request.maxInFlight())
            .build();
    // The receiver only queues, so one thread per stream keeps up.
    InstantiatingExecutorProvider executors =
        InstantiatingExecutorProvider.newBuilder()
            .setExecutorThreadCount(THREADS_PER_STREAM)
            .build();
    // At close, Mom has let in-flight records finish; what is left goes back at once.
    SubscriberShutdownSettings shutdown =
        SubscriberShutdownSettings.newBuilder()
            .setMode(ShutdownMode.NACK_IMMEDIATELY)
            .setTimeout(NACK_TIMEOUT)
            .build();
    Subscriber.Builder builder =
        Subscriber.newBuilder(name.toString(), this::receive)
            .setFlowControlSettings(flowControl)
            .setParallelPullCount(config.parallelPull())
            .setMaxAckExtensionPeriodDuration(config.maxAckExtension())
            .setMinDurationPerAckExtensionDuration(MIN_ACK_EXTENSION)
            .setExecutorProvider(executors)
            .setSystemExecutorProvider(FixedExecutorProvider.create(clientThreads))
            .setSubscriberShutdownSettings(shutdown);
    connection.channelProvider().ifPresent(builder::setChannelProvider);
    connection.credentialsProvider().ifPresent(builder::setCredentialsProvider);
    return builder.build();
  }

  private void start() {
    subscriber.addListener(new FailureLogger(), MoreExecutors.directExecutor());
    deliverer.start();
    try {
      subscriber.startAsync().awaitRunning(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (IllegalStateException | TimeoutException failure) {
      close();
      Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
      throw new MomException(
          "cannot pull from subscription " + name + ": " + Failures.describe(cause),
          cause,
          request.topic(),
          null,
          PubSubTransportProvider.NAME);
    }
    log.info(
        "Pulling from Pub/Sub subscription {}: topic={} group={}",
        name,
        request.topic(),
        request.group());
  }

  /** Called by the library; queues the message without blocking. */
  private void receive(PubsubMessage message, AckReplyConsumer reply) {
    if (closed.get()) {
      // Nacked at once, in the order the library hands them over, which is a key's order.
      reply.nack();
      return;
    }
    PubSubRecord record = new PubSubRecord(request.topic(), message, reply, this);
    unsettled.put(record, Boolean.TRUE);
    received.add(record);
  }

  /** Returns whether the subscription is closed; its records are then given back. */
  boolean isClosed() {
    return closed.get();
  }

  /** Forgets a record that was acknowledged or given back. */
  void settled(PubSubRecord record) {
    unsettled.remove(record);
  }

  /**
   * Nacks every record not settled, in the order received. The library would nack them too when it
   * stops, but in no particular order, and the emulator delivers nacked messages again in the order
   * it got the nacks; so this keeps a key's records in order there as well.
   */
  private void giveBackUnsettled() {
    List<PubSubRecord> left;
    synchronized (unsettled) {
      left = new ArrayList<>(unsettled.keySet());
    }
    left.forEach(PubSubRecord::giveBack);
  }

  /** The delivery thread: hands queued records to the listener, one at a time, unless paused. */
  private void deliver() {
    try {
      while (!closed.get()) {
        PubSubRecord record = received.take();
        awaitResumed();
        if (closed.get()) {
          return;
        }
        handOver(record);
      }
    } catch (InterruptedException closing) {
      // close() interrupts this thread; the library gives the queued messages back.
    }
  }

  private void handOver(PubSubRecord record) {
    try {
      listener.onRecord(record);
    } catch (RuntimeException bug) {
      // The listener must not throw; if it does, the message goes back rather than hanging.
      log.error(
          "Listener failed on a record; giving it back: subscription={} {}",
          name,
          record.position(),
          bug);
      record.release();
    }
  }

  private void awaitResumed() throws InterruptedException {
    synchronized (pauseLock) {
      while (paused && !closed.get()) {
        pauseLock.wait();
      }
    }
  }

  /** Stops handing records to the listener; the library keeps their ack deadlines extended. */
  @Override
  public void pause() {
    synchronized (pauseLock) {
      paused = true;
    }
  }

  /** Hands records to the listener again. */
  @Override
  public void resume() {
    synchronized (pauseLock) {
      paused = false;
      pauseLock.notifyAll();
    }
  }

  /**
   * Stops pulling and gives back (nacks) every message not acknowledged, then waits up to 30
   * seconds for the streams to close. Blocks; closing twice does nothing.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    deliverer.interrupt();
    giveBackUnsettled();
    try {
      subscriber.stopAsync().awaitTerminated(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException slow) {
      log.warn("Pub/Sub subscription {} did not stop within {}", name, STOP_TIMEOUT);
    } catch (IllegalStateException failed) {
      // The subscriber had failed before; FailureLogger reported why.
    }
    log.info(
        "Stopped pulling from Pub/Sub subscription {}: topic={} group={}",
        name,
        request.topic(),
        request.group());
  }

  /** Reports a subscriber that stops on its own, for example when its subscription is deleted. */
  private final class FailureLogger extends ApiService.Listener {
    @Override
    public void failed(ApiService.State from, Throwable failure) {
      if (!closed.get()) {
        log.error(
            "Pub/Sub subscription {} stopped pulling: topic={} group={}: {}",
            name,
            request.topic(),
            request.group(),
            Failures.describe(failure),
            failure);
      }
    }
  }
}
