package dev.mom.transport.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mom.Mom;
import dev.mom.api.ConfigurationException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Mom instances configured with one broker name talk to each other, as two services would. */
class NamedBrokerTest {

  @Test
  void connectsMomInstancesConfiguredWithOneBrokerName() {
    List<String> ids = new CopyOnWriteArrayList<>();

    try (Mom producer = configured("echo-service");
        Mom consumer = configured("echo-service")) {
      consumer.register(message -> ids.add(message.id()), "echo", "requests");
      consumer.start();
      producer.producer("requests").write("req-1", Map.of("hello", "world"));
      InMemoryBroker.named("echo-service")
          .awaitAcknowledged("echo", "requests", 1, Duration.ofSeconds(10));
    }

    assertThat(ids).containsExactly("req-1");
    assertThat(InMemoryBroker.named("echo-service").texts("requests"))
        .singleElement()
        .asString()
        .contains("req-1");
  }

  @Test
  void rejectsABadSettingWhenMomIsBuilt() {
    Mom.Builder builder = Mom.builder().transport("inmemory").set("inmemory", "partitions", "0");

    assertThatThrownBy(builder::build)
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("inmemory.partitions");
  }

  private static Mom configured(String broker) {
    return Mom.builder().transport("inmemory").set("inmemory", "broker", broker).build();
  }
}
