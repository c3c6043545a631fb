package dev.mom.transport.kafka;

import static dev.mom.transport.kafka.KafkaTransportTest.record;
import static dev.mom.transport.kafka.KafkaTransportTest.sendAll;
import static dev.mom.transport.kafka.KafkaTransportTest.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mom.spi.InboundRecord;
import dev.mom.spi.SubscribeRequest;
import dev.mom.spi.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Group membership against a real broker: pausing, revocation, redelivery. */
class KafkaRebalanceTest {

  private static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(2);

  private final RebalanceCounter rebalances = new RebalanceCounter();
  private KafkaTransport transport;

  @AfterEach
  void closeTransport() {
    if (transport != null) {
      transport.close();
    }
  }

  @Test
  void staysInTheGroupWhilePausedForLongerThanTheMaxPollInterval() throws Exception {
    transport =
        transport(
            TestSettings.forBroker()
                .set(
                    KafkaSettings.CONSUMER_SECTION,
                    "max.poll.interval.ms",
                    Long.toString(MAX_POLL_INTERVAL.toMillis())));
    String topic = uniqueName("paused");
    Received received = Received.holding();
    sendAll(transport, topic, 1);
    Subscription subscription = subscribe("g1", topic, received);
    await().atMost(Duration.ofSeconds(30)).until(() -> received.count() == 1);

    subscription.pause();
    await()
        .during(MAX_POLL_INTERVAL.multipliedBy(3))
        .atMost(MAX_POLL_INTERVAL.multipliedBy(4))
        .until(() -> rebalances.revocations() == 0);
    received.records().get(0).ack();
    subscription.resume();
    transport.send(record(topic, "key-0", "after", Map.of())).get();

    await().atMost(Duration.ofSeconds(10)).until(() -> received.count() == 2);
    assertThat(received.values()).containsExactly("0", "after");
    assertThat(rebalances.assignments()).isEqualTo(1);
  }

  @Test
  void revokesUnsettledRecordsAndHandsThemToTheNewMember() throws Exception {
    transport = transport(TestSettings.forBroker().set(KafkaSettings.REVOKE_TIMEOUT, "1s"));
    String topic = uniqueName("revoke");
    sendAll(transport, topic, 40);
    Received first = Received.holding();
    subscribe("g1", topic, first);
    await().atMost(Duration.ofSeconds(30)).until(() -> first.count() == 40);
    List<InboundRecord> original = first.records();
    original.stream().filter(r -> value(r) < 20).forEach(InboundRecord::ack);
    List<InboundRecord> unsettled = original.stream().filter(r -> value(r) >= 20).toList();

    Received second = Received.holding();
    subscribe("g1", topic, second);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> unsettled.stream().allMatch(InboundRecord::isRevoked));
    await().atMost(Duration.ofSeconds(30)).until(() -> redelivered(first, second).size() == 20);
    assertThat(redelivered(first, second))
        .containsExactlyInAnyOrderElementsOf(IntStream.range(20, 40).boxed().toList());
    unsettled.get(0).ack();
    assertThat(unsettled.get(0).isRevoked()).isTrue();
  }

  private static List<Integer> redelivered(Received first, Received second) {
    List<InboundRecord> again = first.records().subList(40, first.count());
    return Stream.concat(again.stream(), second.records().stream())
        .map(KafkaRebalanceTest::value)
        .toList();
  }

  private static int value(InboundRecord record) {
    return Integer.parseInt(Received.text(record));
  }

  private Subscription subscribe(String group, String topic, Received listener) {
    return transport.subscribe(new SubscribeRequest(group, topic, 100), listener);
  }

  private KafkaTransport transport(TestSettings settings) {
    return new KafkaTransport(KafkaSettings.from(settings), rebalances);
  }
}
