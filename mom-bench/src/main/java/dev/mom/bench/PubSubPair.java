package dev.mom.bench;

import com.google.api.core.ApiFuture;
import com.google.api.core.ApiFutures;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.cloud.pubsub.v1.MessageReceiver;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.cloud.pubsub.v1.Subscriber;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.SubscriptionAdminSettings;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.ProjectSubscriptionName;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.TopicName;
import dev.mom.Mom;
import dev.mom.spi.TransportProvider;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Pub/Sub on Google's emulator: a plain {@link Subscriber} whose receiver parses each message with
 * Jackson and acks it, against a Mom consumer with a no-op handler on the {@code pubsub} transport.
 * Each side reads a backlog of its own, published beforehand with a plain {@link Publisher} to its
 * own topic and an ordered subscription created before publishing; each is timed from its first
 * message to its last. Runs only where the {@code pubsub} transport is on the class path and an
 * emulator can be reached or started; otherwise the pair is skipped with the reason.
 */
final class PubSubPair {
  static final String NAME = "pubsub";
  static final String TARGET = "Mom/raw >= 0.9";
  private static final String PROJECT = "mom-bench";
  private static final String GROUP = "bench";

  /** A suffix of this run's names, so that an emulator reused across runs holds no old backlog. */
  private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

  private static final String RAW_TOPIC = "bench-pubsub-raw-" + RUN;
  private static final String MOM_TOPIC = "bench-pubsub-mom-" + RUN;

  /** Mom's default subscription name, {@code {topic}.{group}}, already valid for Pub/Sub. */
  private static final String MOM_SUBSCRIPTION = MOM_TOPIC + "." + GROUP;

  private static final String RAW_SUBSCRIPTION = RAW_TOPIC + "." + GROUP;

  private PubSubPair() {}

  /**
   * Runs the pair, starting the emulator unless {@code PUBSUB_EMULATOR_HOST} names one.
   *
   * @param orders the messages to publish
   * @param count messages a side
   * @return the result, or a skipped result saying why it cannot run here
   */
  static PairResult run(Orders orders, long count) {
    Optional<String> missing = missing();
    if (missing.isPresent()) {
      return PairResult.skipped(NAME, TARGET, missing.get());
    }
    try (EmulatorProcess emulator = EmulatorProcess.start()) {
      ManagedChannel channel =
          ManagedChannelBuilder.forTarget(emulator.host()).usePlaintext().build();
      try {
        return measure(new Emulator(channel), orders, count, emulator);
      } finally {
        channel.shutdownNow();
      }
    }
  }

  /** Returns why the pair cannot run here, if it cannot. */
  static Optional<String> missing() {
    boolean transport =
        ServiceLoader.load(TransportProvider.class).stream()
            .anyMatch(provider -> provider.get().name().equals("pubsub"));
    if (!transport) {
      return Optional.of("no `pubsub` transport on the class path");
    }
    return EmulatorProcess.missing();
  }

  private static PairResult measure(
      Emulator emulator, Orders orders, long count, EmulatorProcess process) {
    emulator.backlog(RAW_TOPIC, RAW_SUBSCRIPTION, orders, count);
    emulator.backlog(MOM_TOPIC, MOM_SUBSCRIPTION, orders, count);
    Side raw = raw(emulator, count);
    Side mom = mom(process.host(), count);
    double ratio = mom.messagesPerSecond() / raw.messagesPerSecond();
    String note =
        count
            + " messages a side (fewer than the other pairs: the emulator serves a few thousand"
            + " a second), published beforehand with ordering keys to ordered subscriptions;"
            + " plain Subscriber with the client's defaults; Mom with default settings; emulator "
            + (process.started() ? "jar " + EmulatorProcess.JAR.getFileName() : process.host());
    return new PairResult(NAME, raw, mom, TARGET, ratio >= 0.9, note);
  }

  private static Side raw(Emulator emulator, long count) {
    HeapPeak.reset();
    Progress progress = new Progress(count);
    MessageReceiver receiver =
        (message, consumer) -> {
          Orders.parse(message.getData().toByteArray());
          consumer.ack();
          progress.handled();
        };
    Subscriber subscriber =
        Subscriber.newBuilder(
                ProjectSubscriptionName.of(PROJECT, RAW_SUBSCRIPTION).toString(), receiver)
            .setChannelProvider(emulator.channelProvider())
            .setCredentialsProvider(NoCredentialsProvider.create())
            .build();
    subscriber.startAsync().awaitRunning();
    try {
      progress.await(timeoutFor(count));
    } finally {
      stop(subscriber);
    }
    return Side.of(count, progress.nanos(), HeapPeak.read());
  }

  private static Side mom(String host, long count) {
    HeapPeak.reset();
    Progress progress = new Progress(count);
    try (Mom mom =
        Mom.builder()
            .transport("pubsub")
            .set("pubsub", "emulator-host", host)
            .set("pubsub", "project-id", PROJECT)
            .set("pubsub", "create-topics", "false")
            .set("pubsub", "create-subscriptions", "false")
            .build()) {
      mom.register(message -> progress.handled(), GROUP, MOM_TOPIC);
      mom.start();
      progress.await(timeoutFor(count));
    }
    return Side.of(count, progress.nanos(), HeapPeak.read());
  }

  private static void stop(Subscriber subscriber) {
    try {
      subscriber.stopAsync().awaitTerminated(30, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      // Everything was counted; a subscriber slow to stop does not change the result.
    }
  }

  /** Returns a timeout for a slow emulator: a minute plus 5 ms a message. */
  private static Duration timeoutFor(long count) {
    return Duration.ofSeconds(60).plusMillis(5 * count);
  }

  /** The emulator as the plain client sees it: one plaintext channel, no credentials. */
  private record Emulator(ManagedChannel channel) {

    TransportChannelProvider channelProvider() {
      return FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel));
    }

    /**
     * Creates a topic and its ordered subscription, then publishes {@code count} envelopes to it
     * with the order id as ordering key, as Mom writes them. Set-up, not measured.
     */
    void backlog(String topic, String subscription, Orders orders, long count) {
      TopicName topicName = TopicName.of(PROJECT, topic);
      createTopic(topicName);
      createSubscription(topicName, ProjectSubscriptionName.of(PROJECT, subscription));
      Publisher publisher = publisher(topicName);
      try {
        List<ApiFuture<String>> sent = new ArrayList<>();
        for (long i = 0; i < count; i++) {
          sent.add(publisher.publish(message(orders, i)));
        }
        ApiFutures.allAsList(sent).get(timeoutFor(count).toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("the backlog of " + topic + " could not be published", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while publishing to " + topic, e);
      } finally {
        publisher.shutdown();
      }
    }

    private static PubsubMessage message(Orders orders, long i) {
      String id = orders.id(i);
      return PubsubMessage.newBuilder()
          .setData(ByteString.copyFrom(Orders.envelope(id, orders.payload(i))))
          .setOrderingKey(id)
          .build();
    }

    private Publisher publisher(TopicName topic) {
      try {
        return Publisher.newBuilder(topic)
            .setChannelProvider(channelProvider())
            .setCredentialsProvider(NoCredentialsProvider.create())
            .setEnableMessageOrdering(true)
            .build();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a publisher for " + topic, e);
      }
    }

    private void createTopic(TopicName topic) {
      try (TopicAdminClient admin =
          TopicAdminClient.create(
              TopicAdminSettings.newBuilder()
                  .setTransportChannelProvider(channelProvider())
                  .setCredentialsProvider(NoCredentialsProvider.create())
                  .build())) {
        admin.createTopic(topic);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the topic " + topic, e);
      }
    }

    private void createSubscription(TopicName topic, ProjectSubscriptionName subscription) {
      try (SubscriptionAdminClient admin =
          SubscriptionAdminClient.create(
              SubscriptionAdminSettings.newBuilder()
                  .setTransportChannelProvider(channelProvider())
                  .setCredentialsProvider(NoCredentialsProvider.create())
                  .build())) {
        admin.createSubscription(
            Subscription.newBuilder()
                .setName(subscription.toString())
                .setTopic(topic.toString())
                .setAckDeadlineSeconds(60)
                .setEnableMessageOrdering(true)
                .build());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the subscription " + subscription, e);
      }
    }
  }
}
