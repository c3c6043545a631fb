package dev.mom.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mom.MomSettings;
import dev.mom.api.ConfigurationException;
import dev.mom.core.internal.FakeProviders.Fake;
import dev.mom.core.internal.FakeProviders.FakeTwin;
import dev.mom.core.internal.FakeProviders.InMemory;
import dev.mom.core.internal.FakeProviders.Kafka;
import dev.mom.core.internal.FakeProviders.Picky;
import dev.mom.spi.Transport;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransportSelectorTest {

  private static final String FAKE = "fake (from " + Fake.class.getName() + ")";
  private static final String KAFKA = "kafka (from " + Kafka.class.getName() + ")";
  private static final String IN_MEMORY = "inmemory (from " + InMemory.class.getName() + ")";

  @TempDir Path dir;

  @Test
  void findsTheTestProviderThroughItsServiceFile() {
    MomSettings settings = settings(Map.of());

    Transport transport = TransportSelector.open(settings, getClass().getClassLoader());

    assertThat(transport.name()).isEqualTo("fake");
  }

  @Test
  void picksTheTransportNamed() {
    MomSettings settings = settings(Map.of("transport", "inmemory"));

    Transport transport = TransportSelector.open(settings, loader(Kafka.class, InMemory.class));

    assertThat(transport.name()).isEqualTo("inmemory");
  }

  @Test
  void refusesToRunAPyMomFileOnAnotherTransportWhenKafkaIsMissing() {
    MomSettings settings = settings(Map.of("kafka-bootstrap-brokers", "localhost:9092"));

    assertThatThrownBy(() -> TransportSelector.open(settings, loader(InMemory.class)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("kafka-bootstrap-brokers")
        .hasMessageContaining("mom-transport-kafka");
  }

  @Test
  void picksTheOnlyTransportFoundWhenNoneIsNamed() {
    MomSettings settings = settings(Map.of());

    Transport transport = TransportSelector.open(settings, loader(InMemory.class));

    assertThat(transport.name()).isEqualTo("inmemory");
  }

  @Test
  void picksKafkaWhenItsBrokersAreSetAndSeveralTransportsAreFound() {
    MomSettings settings = settings(Map.of("kafka-bootstrap-brokers", "localhost:9092"));

    Transport transport = TransportSelector.open(settings, loader(InMemory.class, Kafka.class));

    assertThat(transport.name()).isEqualTo("kafka");
  }

  @Test
  void handsTheProviderTheSettings() {
    MomSettings settings =
        MomSettings.of(
            "builder", Map.of("fake-endpoint", "here"), Map.of("fake", Map.of("mode", "x")));

    FakeTransport transport = (FakeTransport) TransportSelector.open(settings, loader(Fake.class));

    assertThat(transport.settings().get("fake-endpoint")).contains("here");
    assertThat(transport.settings().section("fake")).containsEntry("mode", "x");
  }

  @Test
  void listsTheTransportsFoundForAnUnknownName() {
    MomSettings settings = settings(Map.of("transport", "rabbit"));

    assertThatThrownBy(() -> TransportSelector.open(settings, loader(Kafka.class, InMemory.class)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "file /etc/mom.ini: transport = rabbit: unknown transport 'rabbit'; found: "
                + KAFKA
                + ", "
                + IN_MEMORY);
  }

  @Test
  void namesTheArtifactOfAKnownTransportThatIsMissing() {
    MomSettings settings = settings(Map.of("transport", "pubsub"));

    assertThatThrownBy(() -> TransportSelector.open(settings, loader(InMemory.class)))
        .hasMessage(
            "file /etc/mom.ini: transport = pubsub: unknown transport 'pubsub';"
                + " add mom-transport-pubsub to use pubsub; found: "
                + IN_MEMORY);
  }

  @Test
  void explainsWhyNoneFitsWhenSeveralAreFoundAndNoneIsNamed() {
    MomSettings settings = settings(Map.of());

    assertThatThrownBy(() -> TransportSelector.open(settings, loader(Fake.class, InMemory.class)))
        .hasMessage(
            "file /etc/mom.ini: transport is not set and several transports were found: "
                + FAKE
                + ", "
                + IN_MEMORY
                + "; set transport to one of them (or kafka-bootstrap-brokers to pick kafka)");
  }

  @Test
  void explainsThatKafkaIsMissingWhenItsBrokersAreSet() {
    MomSettings settings = settings(Map.of("kafka-bootstrap-brokers", "localhost:9092"));

    assertThatThrownBy(() -> TransportSelector.open(settings, loader(Fake.class, InMemory.class)))
        .hasMessageContaining("kafka-bootstrap-brokers asks for kafka")
        .hasMessageContaining("add mom-transport-kafka")
        .hasMessageEndingWith("found: " + FAKE + ", " + IN_MEMORY);
  }

  @Test
  void asksForATransportJarWhenNoneIsFound() {
    MomSettings settings = settings(Map.of());

    assertThatThrownBy(() -> TransportSelector.open(settings, loader()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "file /etc/mom.ini: no transport on the class path; add one of"
                + " mom-transport-inmemory, mom-transport-kafka, mom-transport-pubsub");
  }

  @Test
  void rejectsTwoTransportsOfOneName() {
    MomSettings settings = settings(Map.of());

    assertThatThrownBy(() -> TransportSelector.open(settings, loader(Fake.class, FakeTwin.class)))
        .hasMessageStartingWith("two transports are named 'fake'");
  }

  @Test
  void rejectsAKeyThatNobodyReads() {
    MomSettings settings = settings(Map.of("concurency", "4"));

    assertThatThrownBy(() -> TransportSelector.open(settings, loader(Fake.class)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "file /etc/mom.ini: concurency = 4: unknown key: neither Mom nor a transport found"
                + " reads it; found: "
                + FAKE);
  }

  @Test
  void masksTheValueOfAnUnknownSecretKey() {
    MomSettings settings = settings(Map.of("admin-password", "hunter2"));

    assertThatThrownBy(() -> TransportSelector.open(settings, loader(Fake.class)))
        .hasMessageStartingWith("file /etc/mom.ini: admin-password = ****: unknown key")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void acceptsKeysAndSectionsATransportClaims() {
    MomSettings settings =
        MomSettings.of(
            "builder",
            Map.of("transport", "fake", "fake-endpoint", "x", "zookeeper-servers", "zk:2181"),
            Map.of("kafka.consumer", Map.of("max.poll.records", "10")));

    Transport transport =
        TransportSelector.open(settings, loader(Fake.class, Kafka.class, InMemory.class));

    assertThat(transport.name()).isEqualTo("fake");
  }

  @Test
  void rejectsASectionThatNobodyReads() {
    MomSettings settings =
        MomSettings.of("file /etc/mom.ini", Map.of(), Map.of("kafka", Map.of("acks", "all")));

    assertThatThrownBy(() -> TransportSelector.open(settings, loader(InMemory.class)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "file /etc/mom.ini: section [kafka]: unknown section: no transport found reads it;"
                + " add mom-transport-kafka to use kafka; found: "
                + IN_MEMORY);
  }

  @Test
  void letsTheProviderRejectItsOwnSettings() {
    MomSettings settings =
        MomSettings.of("file /etc/mom.ini", Map.of(), Map.of("picky", Map.of("level", "low")));

    assertThatThrownBy(() -> TransportSelector.open(settings, loader(Picky.class)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("file /etc/mom.ini: picky.level = low: must be high");
  }

  private static MomSettings settings(Map<String, String> topLevel) {
    return MomSettings.of("file /etc/mom.ini", topLevel, Map.of());
  }

  private ClassLoader loader(Class<?>... providers) {
    return new ProvidersClassLoader(dir, providers);
  }
}
