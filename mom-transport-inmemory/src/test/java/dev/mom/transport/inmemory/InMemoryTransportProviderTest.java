package dev.mom.transport.inmemory;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mom.api.ConfigurationException;
import dev.mom.spi.OutboundRecord;
import dev.mom.spi.Transport;
import dev.mom.spi.TransportProvider;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class InMemoryTransportProviderTest {
  private final InMemoryTransportProvider provider = new InMemoryTransportProvider();

  @Test
  void isFoundByTheServiceLoader() {
    ServiceLoader<TransportProvider> loader = ServiceLoader.load(TransportProvider.class);

    assertThat(loader.stream().map(ServiceLoader.Provider::get))
        .anySatisfy(found -> assertThat(found.name()).isEqualTo("inmemory"));
  }

  @Test
  void connectsTransportsConfiguredWithOneBrokerName() {
    Map<String, String> section = Map.of("broker", "provider-shared");
    Transport producerSide = provider.create(new TestSettings(section));
    Transport consumerSide = provider.create(new TestSettings(section));

    producerSide.send(new OutboundRecord("orders", "a", "one".getBytes(UTF_8), Map.of())).join();

    assertThat(InMemoryBroker.named("provider-shared").texts("orders")).containsExactly("one");
    assertThat(consumerSide.name()).isEqualTo("inmemory");
    producerSide.close();
    consumerSide.close();
  }

  @Test
  void usesTheConfiguredPartitions() {
    provider.create(new TestSettings(Map.of("broker", "eight", "partitions", "8"))).close();

    assertThat(InMemoryBroker.named("eight").partitions()).isEqualTo(8);
  }

  @Test
  void rejectsABadPartitionCountNamingTheKey() {
    TestSettings settings = new TestSettings(Map.of("partitions", "many"));

    assertThatThrownBy(() -> provider.create(settings))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("inmemory.partitions = many");
  }

  @Test
  void rejectsAnUnknownKey() {
    TestSettings settings = new TestSettings(Map.of("partition", "3"));

    assertThatThrownBy(() -> provider.create(settings))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("inmemory.partition")
        .hasMessageContaining("unknown key");
  }

  @Test
  void rejectsOtherLimitsForAnExistingBroker() {
    provider.create(new TestSettings(Map.of("broker", "fixed", "partitions", "2"))).close();
    TestSettings settings = new TestSettings(Map.of("broker", "fixed", "partitions", "3"));

    assertThatThrownBy(() -> provider.create(settings))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("already exists with 2 partitions");
  }
}
