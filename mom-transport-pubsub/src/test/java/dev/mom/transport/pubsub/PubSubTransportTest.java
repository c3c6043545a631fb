package dev.mom.transport.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mom.api.MomException;
import dev.mom.spi.InboundRecord;
import dev.mom.spi.OutboundRecord;
import dev.mom.spi.SubscribeRequest;
import dev.mom.spi.Subscription;
import dev.mom.spi.Transport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The transport against the real Pub/Sub emulator. */
class PubSubTransportTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final String topic = "orders-" + UUID.randomUUID();
  private final List<Transport> transports = new ArrayList<>();
  private Transport transport;

  @BeforeEach
  void openTransport() {
    transport = open(TestSettings.emulator(PubSubEmulator.host()).with("parallel-pull", "2"));
  }

  @AfterEach
  void closeTransports() {
    transports.forEach(Transport::close);
  }

  @Test
  void deliversValueKeyAndHeadersAsSent() {
    Received received = Received.acking();
    transport.subscribe(new SubscribeRequest("billing", topic, 10), received);

    transport
        .send(new OutboundRecord(topic, "ord-1", bytes("{\"a\":1}"), Map.of("mom-id", "m-1")))
        .join();

    await().atMost(WAIT).until(() -> received.count() == 1);
    InboundRecord record = received.records().get(0);
    assertThat(record.topic()).isEqualTo(topic);
    assertThat(record.key()).isEqualTo("ord-1");
    assertThat(Received.text(record)).isEqualTo("{\"a\":1}");
    assertThat(record.headers()).containsEntry("mom-id", "m-1");
    assertThat(record.position()).startsWith("message ");
  }

  @Test
  void deliversRecordsOfOneKeyInTheOrderSent() {
    Received received = Received.acking();
    transport.subscribe(new SubscribeRequest("billing", topic, 50), received);
    List<String> keys = List.of("ord-1", "ord-2", "ord-3", "ord-4");

    List<CompletableFuture<Void>> sends = new ArrayList<>();
    for (int seq = 1; seq <= 100; seq++) {
      for (String key : keys) {
        sends.add(transport.send(record(key, key + "/" + seq)));
      }
    }
    CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();

    await().atMost(WAIT).until(() -> received.count() >= 400);
    for (String key : keys) {
      List<String> expected =
          IntStream.rangeClosed(1, 100).mapToObj(seq -> key + "/" + seq).toList();
      assertThat(received.values(key)).isEqualTo(expected);
    }
  }

  @Test
  void givesEachGroupEveryRecord() {
    Received billing = Received.acking();
    Received shipping = Received.acking();
    transport.subscribe(new SubscribeRequest("billing", topic, 10), billing);
    transport.subscribe(new SubscribeRequest("shipping", topic, 10), shipping);

    transport.send(record("ord-1", "paid")).join();

    await().atMost(WAIT).until(() -> billing.count() == 1 && shipping.count() == 1);
  }

  @Test
  void redeliversUnacknowledgedRecordsAfterClose() {
    Received first = Received.holding();
    Subscription subscription = transport.subscribe(new SubscribeRequest("g", topic, 10), first);
    transport.send(record("ord-1", "created")).join();
    transport.send(record("ord-1", "paid")).join();
    await().atMost(WAIT).until(() -> first.count() == 2);

    subscription.close();
    Received second = Received.acking();
    transport.subscribe(new SubscribeRequest("g", topic, 10), second);

    await().atMost(WAIT).until(() -> second.count() >= 2);
    assertThat(second.values("ord-1")).startsWith("created", "paid");
    assertThat(first.records()).allMatch(InboundRecord::isRevoked);
  }

  @Test
  void resumesKeyAfterFailedPublish() {
    Transport strict =
        open(
            TestSettings.emulator(PubSubEmulator.host())
                .with("create-topics", "false")
                .with("create-subscriptions", "false"));

    CompletableFuture<Void> failed = strict.send(record("ord-1", "lost"));

    assertThatThrownBy(failed::join)
        .hasCauseInstanceOf(MomException.class)
        .hasMessageContaining(topic)
        .hasMessageContaining("not found");

    Received received = Received.acking();
    transport.subscribe(new SubscribeRequest("g", topic, 10), received);

    strict.send(record("ord-1", "created")).join();
    strict.send(record("ord-1", "paid")).join();

    await().atMost(WAIT).until(() -> received.count() == 2);
    assertThat(received.values("ord-1")).containsExactly("created", "paid");
  }

  @Test
  void doesNotDeliverAgainWhileAHandlerOutlastsTheAckDeadline() {
    // Subscriptions are created with Pub/Sub's default ack deadline of 10 seconds.
    Received received = Received.holding();
    transport.subscribe(new SubscribeRequest("slow", topic, 10), received);
    transport.send(record("ord-1", "created")).join();
    await().atMost(WAIT).until(() -> received.count() == 1);

    await()
        .during(Duration.ofSeconds(15))
        .atMost(Duration.ofSeconds(20))
        .until(() -> received.count() == 1);
    received.records().get(0).ack();

    await().during(Duration.ofSeconds(2)).until(() -> received.count() == 1);
  }

  @Test
  void keepsOtherKeysFlowingWhileOneKeyKeepsFailing() {
    Received received = Received.ackingOnly(record -> !"ord-bad".equals(record.key()));
    transport.subscribe(new SubscribeRequest("g", topic, 20), received);

    for (int seq = 1; seq <= 20; seq++) {
      transport.send(record("ord-bad", "bad/" + seq));
      transport.send(record("ord-good", "good/" + seq));
    }

    await().atMost(WAIT).until(() -> received.values("ord-good").size() >= 20);
    assertThat(received.values("ord-good"))
        .startsWith(
            IntStream.rangeClosed(1, 20).mapToObj(seq -> "good/" + seq).toArray(String[]::new));
    assertThat(received.values("ord-bad")).first().isEqualTo("bad/1");
  }

  @Test
  void holdsRecordsBackWhilePaused() {
    Received received = Received.acking();
    Subscription subscription = transport.subscribe(new SubscribeRequest("g", topic, 10), received);

    subscription.pause();
    transport.send(record("ord-1", "created")).join();
    await().during(Duration.ofSeconds(2)).until(() -> received.count() == 0);
    subscription.resume();

    await().atMost(WAIT).until(() -> received.count() == 1);
  }

  @Test
  void failsARecordLargerThanTheLimitAndStaysUsable() {
    byte[] tooLarge = new byte[(int) TopicPublisher.MAX_MESSAGE_BYTES + 1];
    Received received = Received.acking();
    transport.subscribe(new SubscribeRequest("g", topic, 10), received);

    CompletableFuture<Void> failed =
        transport.send(new OutboundRecord(topic, "ord-1", tooLarge, Map.of()));

    assertThatThrownBy(failed::join)
        .hasCauseInstanceOf(MomException.class)
        .hasMessageContaining("bytes is larger than Pub/Sub's limit of 10000000 bytes");
    transport.send(record("ord-1", "small")).join();
    await().atMost(WAIT).until(() -> received.values("ord-1").equals(List.of("small")));
  }

  @Test
  void refusesToSendAfterClose() {
    transport.close();

    assertThatThrownBy(() -> transport.send(record("ord-1", "late")))
        .isInstanceOf(IllegalStateException.class);
  }

  private Transport open(TestSettings settings) {
    Transport opened = new PubSubTransportProvider(name -> null).create(settings);
    transports.add(opened);
    return opened;
  }

  private OutboundRecord record(String key, String value) {
    return new OutboundRecord(topic, key, bytes(value), Map.of());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
