package dev.mom.transport.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mom.api.ConfigurationException;
import dev.mom.spi.Transport;
import dev.mom.spi.TransportProvider;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Discovery and configuration; no broker needed. */
class KafkaTransportProviderTest {

  @Test
  void isFoundByTheServiceLoaderWithItsSectionsAndKeys() {
    List<TransportProvider> providers =
        ServiceLoader.load(TransportProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .toList();

    assertThat(providers).hasSize(1);
    TransportProvider provider = providers.get(0);
    assertThat(provider.name()).isEqualTo("kafka");
    assertThat(provider.sections())
        .containsExactlyInAnyOrder("kafka", "kafka.producer", "kafka.consumer");
    assertThat(provider.keys()).contains("kafka-bootstrap-brokers", "zookeeper-servers");
  }

  @Test
  void createsATransportFromAPyMomFile() {
    TestSettings pymom =
        new TestSettings()
            .set("kafka-bootstrap-brokers", "localhost:9092")
            .set("zookeeper-servers", "localhost:2181");

    try (Transport transport = new KafkaTransportProvider().create(pymom)) {
      assertThat(transport.name()).isEqualTo("kafka");
    }
  }

  @Test
  void requiresTheBootstrapBrokers() {
    assertThatThrownBy(() -> new KafkaTransportProvider().create(new TestSettings()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("kafka-bootstrap-brokers");
  }

  @Test
  void takesTheBootstrapServersFromTheKafkaSectionToo() {
    TestSettings settings = new TestSettings().set("kafka", "bootstrap.servers", "broker:9093");

    assertThat(KafkaSettings.from(settings).adminConfig())
        .containsEntry("bootstrap.servers", "broker:9093");
  }

  @Test
  void namesTheKeyOfABadValue() {
    TestSettings settings =
        new TestSettings()
            .set(KafkaSettings.BOOTSTRAP, "localhost:9092")
            .set(KafkaSettings.CREATE_TOPICS, "sometimes");

    assertThatThrownBy(() -> KafkaSettings.from(settings))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("kafka-create-topics")
        .hasMessageContaining("sometimes");
  }

  @Test
  void reportsClientSettingsThatKafkaRejects() {
    TestSettings settings =
        new TestSettings()
            .set(KafkaSettings.BOOTSTRAP, "localhost:9092")
            .set("kafka.consumer", "max.poll.records", "many");

    assertThatThrownBy(() -> KafkaSettings.from(settings))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("max.poll.records");
  }

  @Test
  void producesWithAcksAllAndIdempotenceByDefault() {
    KafkaSettings settings =
        KafkaSettings.from(new TestSettings().set(KafkaSettings.BOOTSTRAP, "h:1"));

    assertThat(settings.producerConfig())
        .containsEntry("acks", "all")
        .containsEntry("enable.idempotence", "true")
        .containsEntry("bootstrap.servers", "h:1");
  }

  @Test
  void passesSectionsVerbatimOverTheDefaults() {
    TestSettings file =
        new TestSettings()
            .set(KafkaSettings.BOOTSTRAP, "h:1")
            .set("kafka", "security.protocol", "SASL_SSL")
            .set("kafka", "sasl.mechanism", "PLAIN")
            .set("kafka.producer", "acks", "1")
            .set("kafka.consumer", "auto.offset.reset", "latest")
            .set("kafka.consumer", "max.poll.records", "7");

    KafkaSettings settings = KafkaSettings.from(file);

    assertThat(settings.producerConfig())
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("acks", "1")
        .doesNotContainKey("enable.idempotence");
    assertThat(settings.consumerConfig("billing", 100))
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "PLAIN")
        .containsEntry("auto.offset.reset", "latest")
        .containsEntry("max.poll.records", "7")
        .containsEntry("group.id", "billing")
        .containsEntry("enable.auto.commit", "false");
  }

  @Test
  void sizesFetchesByTheInFlightLimitAndStartsAtTheEarliestOffset() {
    KafkaSettings settings =
        KafkaSettings.from(new TestSettings().set(KafkaSettings.BOOTSTRAP, "h:1"));

    assertThat(settings.consumerConfig("billing", 250))
        .containsEntry("max.poll.records", "250")
        .containsEntry("auto.offset.reset", "earliest")
        .containsEntry("enable.auto.commit", "false");
  }

  @Test
  void readsDurationsInShortAndIsoForm() {
    assertThat(Durations.parse("500ms")).hasMillis(500);
    assertThat(Durations.parse("5s")).hasSeconds(5);
    assertThat(Durations.parse("PT2M")).hasMinutes(2);
    assertThat(Durations.parse("1.5s")).hasMillis(1500);
    assertThat(Durations.parse("750")).hasMillis(750);
  }
}
