package dev.mom.transport.kafka;

import static dev.mom.transport.kafka.KafkaTransportTest.record;
import static dev.mom.transport.kafka.KafkaTransportTest.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mom.api.MomException;
import dev.mom.spi.SubscribeRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SASL and ACLs come from the {@code [kafka]} section alone, against a broker that checks them. */
class KafkaSecurityTest {

  private KafkaTransport transport;

  @AfterEach
  void closeTransport() {
    if (transport != null) {
      transport.close();
    }
  }

  @Test
  void writesAndReadsWithSaslSettingsFromTheKafkaSection() throws Exception {
    transport = saslTransport(KafkaBroker.ADMIN, true);
    String topic = uniqueName("sasl");
    Received received = Received.acknowledging();

    transport.send(record(topic, "k", "over SASL", Map.of())).get(30, TimeUnit.SECONDS);
    transport.subscribe(new SubscribeRequest("sasl-group", topic, 10), received);

    await().atMost(Duration.ofSeconds(30)).until(() -> received.count() == 1);
    assertThat(received.values()).containsExactly("over SASL");
  }

  @Test
  void refusesAWriteTheCredentialsMayNotMake() throws Exception {
    String topic = existingTopic();
    transport = saslTransport(KafkaBroker.STRANGER, true);

    CompletableFuture<Void> send = transport.send(record(topic, "k", "v", Map.of()));

    assertThatThrownBy(() -> send.get(30, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(MomException.class)
        .hasMessageContaining(topic)
        .hasMessageContaining("not authorised")
        .hasMessageContaining("TopicAuthorizationException");
  }

  @Test
  void saysWhenAuthenticationFails() throws Exception {
    String topic = existingTopic();
    transport = saslTransport(KafkaBroker.ADMIN, false);

    CompletableFuture<Void> send = transport.send(record(topic, "k", "v", Map.of()));

    assertThatThrownBy(() -> send.get(30, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(MomException.class)
        .hasMessageContaining("authentication with Kafka failed");
  }

  private static KafkaTransport saslTransport(String user, boolean correctPassword) {
    TestSettings settings =
        new TestSettings()
            .set(KafkaSettings.BOOTSTRAP, KafkaBroker.shared().saslBootstrapServers())
            .set("kafka", "security.protocol", "SASL_PLAINTEXT")
            .set("kafka", "sasl.mechanism", "PLAIN")
            .set("kafka", "sasl.jaas.config", KafkaBroker.jaasConfig(user, correctPassword));
    return new KafkaTransport(KafkaSettings.from(settings));
  }

  private static String existingTopic() throws Exception {
    String topic = uniqueName("guarded");
    try (Admin admin = KafkaBroker.shared().admin()) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }
    return topic;
  }
}
