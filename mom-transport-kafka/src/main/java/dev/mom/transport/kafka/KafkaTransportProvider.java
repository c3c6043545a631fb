package dev.mom.transport.kafka;

import dev.mom.spi.Transport;
import dev.mom.spi.TransportProvider;
import dev.mom.spi.TransportSettings;
import java.util.Set;

/**
 * Provides the {@code kafka} transport. Found with {@link java.util.ServiceLoader}; stateless.
 *
 * <p>Reads the top-level keys {@code kafka-bootstrap-brokers} (required unless {@code [kafka]} sets
 * {@code bootstrap.servers}), {@code zookeeper-servers} (accepted for PyMom files and ignored; Mom
 * warns about it), {@code kafka-create-topics} (default {@code true}), {@code
 * kafka-topic-partitions} and {@code kafka-topic-replication-factor} (default: the broker's), and
 * {@code kafka-revoke-timeout} (default {@code 5s}); and the sections {@code [kafka]}, {@code
 * [kafka.producer]} and {@code [kafka.consumer]}, whose keys go verbatim to kafka-clients.
 */
public final class KafkaTransportProvider implements TransportProvider {

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public KafkaTransportProvider() {}

  /** Returns {@code kafka}. */
  @Override
  public String name() {
    return KafkaTransport.NAME;
  }

  /** Returns {@code kafka}, {@code kafka.producer} and {@code kafka.consumer}. */
  @Override
  public Set<String> sections() {
    return KafkaSettings.SECTIONS;
  }

  /** Returns the top-level keys listed in the class documentation. */
  @Override
  public Set<String> keys() {
    return KafkaSettings.KEYS;
  }

  /**
   * Creates a Kafka transport. No connection is opened until the first send or subscription.
   *
   * @param settings the configuration
   * @return a new transport, owned by the caller
   * @throws dev.mom.api.ConfigurationException if {@code kafka-bootstrap-brokers} is missing, a
   *     {@code kafka-*} value is bad, or kafka-clients rejects a section's keys
   */
  @Override
  public Transport create(TransportSettings settings) {
    // Mom's settings warn once about zookeeper-servers; the transport only accepts the key.
    return new KafkaTransport(KafkaSettings.from(settings));
  }
}
