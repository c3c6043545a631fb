package dev.mom.transport.pubsub;

import com.google.api.core.ApiFuture;
import com.google.api.gax.core.FixedExecutorProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.TopicName;
import dev.mom.Mom;
import dev.mom.spi.Transport;
import dev.mom.tck.Capabilities;
import dev.mom.tck.TransportFixture;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;

/**
 * Runs the conformance suite on the Pub/Sub emulator. Raw records go through the library's own
 * {@link Publisher}, not through Mom's transport. One fixture serves every test of the JVM; its
 * channel and publishers live as long as the JVM.
 */
final class PubSubFixture implements TransportFixture {
  static final String PROJECT = "mom-tck";

  /**
   * Pub/Sub has no record without data (no tombstone). A message with empty data is allowed when it
   * has an attribute, so raw writes of an empty value carry one.
   */
  private static final Capabilities CAPABILITIES = Capabilities.builder().nullValues(false).build();

  private static final String EMPTY_VALUE_ATTRIBUTE = "mom-tck-empty";

  private static PubSubFixture shared;

  private final String host;
  private final TransportChannelProvider channel;
  private final TopicAdminClient topics;
  private final FixedExecutorProvider publishThreads =
      FixedExecutorProvider.create(Executors.newScheduledThreadPool(2, daemonThreads()));
  private final Map<String, Publisher> publishers = new ConcurrentHashMap<>();

  private PubSubFixture(String host) throws IOException {
    this.host = host;
    ManagedChannel managed = ManagedChannelBuilder.forTarget(host).usePlaintext().build();
    this.channel = FixedTransportChannelProvider.create(GrpcTransportChannel.create(managed));
    this.topics =
        TopicAdminClient.create(
            TopicAdminSettings.newBuilder()
                .setTransportChannelProvider(channel)
                .setCredentialsProvider(NoCredentialsProvider.create())
                .build());
  }

  /** Returns the fixture on the emulator, starting it once; skips the test where there is none. */
  static synchronized PubSubFixture shared() {
    if (shared == null) {
      try {
        shared = new PubSubFixture(PubSubEmulator.host());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared;
  }

  @Override
  public Mom.Builder newMom() {
    return Mom.builder()
        .transport(PubSubTransportProvider.NAME)
        .set("pubsub", "emulator-host", host)
        .set("pubsub", "project-id", PROJECT);
  }

  @Override
  public Transport newTransport() {
    TestSettings settings = TestSettings.emulator(host).with("project-id", PROJECT);
    return new PubSubTransportProvider(name -> null).create(settings);
  }

  @Override
  public void writeRaw(String topic, String key, byte[] value) {
    PubsubMessage.Builder message = PubsubMessage.newBuilder().setData(ByteString.copyFrom(value));
    if (key != null) {
      message.setOrderingKey(key);
    }
    if (value.length == 0) {
      message.putAttributes(EMPTY_VALUE_ATTRIBUTE, "true");
    }
    ApiFuture<String> published = publisher(topic).publish(message.build());
    try {
      published.get();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(interrupted);
    } catch (ExecutionException failed) {
      throw new IllegalStateException("cannot write a raw record to " + topic, failed.getCause());
    }
  }

  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public String uniqueTopic(String prefix) {
    String topic = "tck-" + prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    topics.createTopic(TopicName.of(PROJECT, topic));
    return topic;
  }

  private Publisher publisher(String topic) {
    return publishers.computeIfAbsent(
        topic,
        id -> {
          try {
            return Publisher.newBuilder(TopicName.of(PROJECT, id))
                .setChannelProvider(channel)
                .setCredentialsProvider(NoCredentialsProvider.create())
                .setExecutorProvider(publishThreads)
                .setEnableMessageOrdering(true)
                .build();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    return runnable -> {
      Thread thread = new Thread(runnable, "pubsub-fixture-publisher");
      thread.setDaemon(true);
      return thread;
    };
  }
}
