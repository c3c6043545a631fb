package dev.mom.transport.kafka;

import dev.mom.Mom;
import dev.mom.spi.Transport;
import dev.mom.tck.Capabilities;
import dev.mom.tck.TransportFixture;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Connects the conformance suite, and Mom-level tests, to the shared test broker.
 *
 * <p>Group timings are shortened (heartbeat, session, revoke wait) so that rebalances in tests take
 * a second or two rather than the production defaults. {@link #classicProtocol} runs consumer
 * groups as kafka-clients does by default; {@link #consumerProtocol} runs them with Kafka 4's
 * {@code group.protocol = consumer}, where the broker assigns partitions and sets the timings.
 */
final class KafkaFixture implements TransportFixture, AutoCloseable {

  private final KafkaBroker broker;
  private final Topics topics;
  private final Producer<byte[], byte[]> plainProducer;
  private final Map<String, String> groupSettings;

  private KafkaFixture(KafkaBroker broker, Map<String, String> groupSettings) {
    this.broker = broker;
    this.groupSettings = groupSettings;
    this.topics = new Topics(KafkaSettings.from(settings()));
    this.plainProducer =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", broker.bootstrapServers(), "acks", "all"),
            new ByteArraySerializer(),
            new ByteArraySerializer());
  }

  /** Returns a fixture whose groups use the classic protocol, kafka-clients' default. */
  static KafkaFixture classicProtocol(KafkaBroker broker) {
    return new KafkaFixture(
        broker, Map.of("session.timeout.ms", "6000", "heartbeat.interval.ms", "500"));
  }

  /** Returns a fixture whose groups use the consumer protocol of Kafka 4 (KIP-848). */
  static KafkaFixture consumerProtocol(KafkaBroker broker) {
    return new KafkaFixture(broker, Map.of("group.protocol", "consumer"));
  }

  /** Returns the settings of a transport on the test broker, as Mom's builder passes them. */
  TestSettings settings() {
    TestSettings settings =
        new TestSettings().set(KafkaSettings.BOOTSTRAP, broker.bootstrapServers());
    groupSettings.forEach((key, value) -> settings.set(KafkaSettings.CONSUMER_SECTION, key, value));
    return settings.set(KafkaSettings.REVOKE_TIMEOUT, "2s");
  }

  @Override
  public Mom.Builder newMom() {
    Mom.Builder builder =
        Mom.builder()
            .transport(KafkaTransport.NAME)
            .set(KafkaSettings.BOOTSTRAP, broker.bootstrapServers())
            .set(KafkaSettings.REVOKE_TIMEOUT, "2s");
    groupSettings.forEach((key, value) -> builder.set(KafkaSettings.CONSUMER_SECTION, key, value));
    return builder;
  }

  @Override
  public Transport newTransport() {
    return new KafkaTransport(KafkaSettings.from(settings()));
  }

  @Override
  public void writeRaw(String topic, String key, byte[] value) {
    byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
    try {
      plainProducer.send(new ProducerRecord<>(topic, keyBytes, value)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("raw write to " + topic + " failed", e.getCause());
    }
  }

  @Override
  public Capabilities capabilities() {
    return Capabilities.all();
  }

  /** Creates the topic at once, so that raw writes and late subscribers find it. */
  @Override
  public String uniqueTopic(String prefix) {
    String topic = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    topics.ensure(topic);
    return topic;
  }

  @Override
  public void close() {
    plainProducer.close();
    topics.close();
  }
}
