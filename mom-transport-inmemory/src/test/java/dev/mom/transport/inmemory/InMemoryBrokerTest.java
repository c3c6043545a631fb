package dev.mom.transport.inmemory;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mom.api.MomException;
import dev.mom.spi.InboundRecord;
import dev.mom.spi.OutboundRecord;
import dev.mom.spi.SubscribeRequest;
import dev.mom.spi.Subscription;
import dev.mom.spi.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InMemoryBrokerTest {
  private static final Duration QUIET = Duration.ofMillis(300);

  private final InMemoryBroker broker = InMemoryBroker.create();
  private final Transport transport = broker.transport();

  @AfterEach
  void closeTransport() {
    transport.close();
  }

  @Test
  void deliversRecordsOfOneKeyInTheOrderWritten() {
    Recorder recorder = Recorder.acknowledging();
    transport.subscribe(new SubscribeRequest("billing", "orders", 10), recorder);

    for (int seq = 0; seq < 100; seq++) {
      send("orders", "key-" + (seq % 7), "key-" + (seq % 7) + ":" + seq);
    }

    await().untilAsserted(() -> assertThat(recorder.count()).isEqualTo(100));
    Map<String, List<Integer>> seqByKey = new HashMap<>();
    for (String text : recorder.texts()) {
      String[] parts = text.split(":");
      seqByKey.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(Integer.valueOf(parts[1]));
    }
    seqByKey.values().forEach(seqs -> assertThat(seqs).isSorted().doesNotHaveDuplicates());
  }

  @Test
  void givesEveryGroupEveryRecord() {
    Recorder billing = Recorder.acknowledging();
    Recorder shipping = Recorder.acknowledging();
    transport.subscribe(new SubscribeRequest("billing", "orders", 10), billing);
    transport.subscribe(new SubscribeRequest("shipping", "orders", 10), shipping);

    List<String> written = sendNumbered("orders", 40);

    await().untilAsserted(() -> assertThat(billing.texts()).hasSameElementsAs(written));
    await().untilAsserted(() -> assertThat(shipping.texts()).hasSameElementsAs(written));
  }

  @Test
  void splitsThePartitionsBetweenTheMembersOfAGroup() {
    Recorder first = Recorder.acknowledging();
    Recorder second = Recorder.acknowledging();
    transport.subscribe(new SubscribeRequest("billing", "orders", 10), first);
    transport.subscribe(new SubscribeRequest("billing", "orders", 10), second);

    List<String> written = sendUnkeyed("orders", 40);

    await().untilAsserted(() -> assertThat(first.count() + second.count()).isEqualTo(40));
    assertThat(first.count()).isEqualTo(20);
    List<String> together = new ArrayList<>(first.texts());
    together.addAll(second.texts());
    assertThat(together).hasSameElementsAs(written);
  }

  @Test
  void redeliversUnacknowledgedRecordsAfterClose() {
    Recorder first = Recorder.holding();
    Subscription subscription =
        transport.subscribe(new SubscribeRequest("billing", "orders", 10), first);
    sendSameKey("orders", "one", "two", "three");
    await().untilAsserted(() -> assertThat(first.count()).isEqualTo(3));
    first.records().get(0).ack();

    subscription.close();
    Recorder second = Recorder.acknowledging();
    transport.subscribe(new SubscribeRequest("billing", "orders", 10), second);

    await().untilAsserted(() -> assertThat(second.texts()).containsExactly("two", "three"));
    assertThat(first.records())
        .extracting(InboundRecord::isRevoked)
        .containsExactly(false, true, true);
  }

  @Test
  void ignoresAcknowledgementsAfterClose() {
    Recorder first = Recorder.holding();
    Subscription subscription =
        transport.subscribe(new SubscribeRequest("billing", "orders", 10), first);
    sendSameKey("orders", "one");
    await().untilAsserted(() -> assertThat(first.count()).isEqualTo(1));

    subscription.close();
    first.records().get(0).ack();

    assertThat(broker.acknowledged("billing", "orders")).isZero();
  }

  @Test
  void stopsDeliveringWhilePaused() {
    Recorder recorder = Recorder.acknowledging();
    Subscription subscription =
        transport.subscribe(new SubscribeRequest("billing", "orders", 10), recorder);

    subscription.pause();
    sendNumbered("orders", 5);

    await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> recorder.count() == 0);
    subscription.resume();
    await().untilAsserted(() -> assertThat(recorder.count()).isEqualTo(5));
  }

  @Test
  void neverHasMoreThanMaxInFlightRecordsOutstanding() {
    Recorder recorder = Recorder.holding();
    transport.subscribe(new SubscribeRequest("billing", "orders", 3), recorder);

    sendNumbered("orders", 10);

    await().untilAsserted(() -> assertThat(recorder.count()).isEqualTo(3));
    await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> recorder.count() == 3);
    recorder.records().get(0).ack();
    await().untilAsserted(() -> assertThat(recorder.count()).isEqualTo(4));
  }

  @Test
  void revokesRecordsInFlightWhenTheirPartitionMovesToANewMember() {
    InMemoryBroker twoPartitions = InMemoryBroker.builder().partitions(2).build();
    Transport shared = twoPartitions.transport();
    Recorder first = Recorder.holding();
    shared.subscribe(new SubscribeRequest("billing", "orders", 10), first);
    for (int i = 0; i < 4; i++) {
      twoPartitions.publish("orders", null, ("unkeyed-" + i).getBytes(UTF_8), Map.of());
    }
    await().untilAsserted(() -> assertThat(first.count()).isEqualTo(4));

    Recorder second = Recorder.acknowledging();
    shared.subscribe(new SubscribeRequest("billing", "orders", 10), second);
    first.records().forEach(InboundRecord::ack);

    assertThat(first.records())
        .allMatch(r -> r.isRevoked() == r.position().startsWith("partition 1,"));
    await()
        .untilAsserted(() -> assertThat(second.texts()).containsExactly("unkeyed-1", "unkeyed-3"));
    await()
        .untilAsserted(
            () -> assertThat(twoPartitions.acknowledged("billing", "orders")).isEqualTo(4));
    shared.close();
  }

  @Test
  void deliversAReleasedRecordAgainWithTheRecordsAfterIt() {
    Recorder recorder = Recorder.holding();
    transport.subscribe(new SubscribeRequest("billing", "orders", 10), recorder);
    sendSameKey("orders", "one", "two", "three");
    await().untilAsserted(() -> assertThat(recorder.count()).isEqualTo(3));

    recorder.records().get(1).release();

    await()
        .untilAsserted(
            () ->
                assertThat(recorder.texts())
                    .containsExactly("one", "two", "three", "two", "three"));
    assertThat(recorder.records().get(0).isRevoked()).isFalse();
    assertThat(recorder.records().get(2).isRevoked()).isTrue();
  }

  @Test
  void doesNotDeliverAgainWhatWasAcknowledgedOutOfOrder() {
    Recorder first = Recorder.holding();
    Subscription subscription =
        transport.subscribe(new SubscribeRequest("billing", "orders", 10), first);
    sendSameKey("orders", "one", "two", "three");
    await().untilAsserted(() -> assertThat(first.count()).isEqualTo(3));
    first.records().get(1).ack();

    subscription.close();
    Recorder second = Recorder.acknowledging();
    transport.subscribe(new SubscribeRequest("billing", "orders", 10), second);

    await().untilAsserted(() -> assertThat(second.texts()).containsExactly("one", "three"));
  }

  @Test
  void deliversAgainAfterCloseARecordTheListenerFailedOn() {
    Subscription failing =
        transport.subscribe(
            new SubscribeRequest("billing", "orders", 10),
            record -> {
              throw new IllegalStateException("listener bug");
            });
    sendSameKey("orders", "one");
    await().until(() -> broker.records("orders").size() == 1);

    failing.close();
    Recorder recorder = Recorder.acknowledging();
    transport.subscribe(new SubscribeRequest("billing", "orders", 10), recorder);

    await().untilAsserted(() -> assertThat(recorder.texts()).containsExactly("one"));
  }

  @Test
  void letsTheListenerCloseItsOwnSubscription() {
    List<Subscription> holder = new ArrayList<>();
    Recorder recorder = Recorder.holding();
    holder.add(
        transport.subscribe(
            new SubscribeRequest("billing", "orders", 10),
            record -> {
              recorder.onRecord(record);
              holder.get(0).close();
            }));

    sendSameKey("orders", "one", "two");

    await().untilAsserted(() -> assertThat(recorder.texts()).containsExactly("one"));
    await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> recorder.count() == 1);
  }

  @Test
  void failsASendWhenTheTopicIsFull() {
    InMemoryBroker small = InMemoryBroker.builder().maxTopicSize(2).build();
    Transport smallTransport = small.transport();
    smallTransport.send(record("orders", "a", "one")).join();
    smallTransport.send(record("orders", "a", "two")).join();

    CompletableFuture<Void> third = smallTransport.send(record("orders", "a", "three"));

    assertThat(third)
        .failsWithin(Duration.ZERO)
        .withThrowableOfType(Exception.class)
        .havingCause()
        .isInstanceOf(MomException.class)
        .withMessageContaining("topic 'orders' is full");
    assertThat(small.texts("orders")).containsExactly("one", "two");
    smallTransport.close();
  }

  @Test
  void keepsTheWriteOrderAcrossPartitions() {
    List<String> written = sendNumbered("orders", 20);

    List<RecordView> records = broker.records("orders");

    assertThat(broker.texts("orders")).containsExactlyElementsOf(written);
    assertThat(records).extracting(RecordView::key).doesNotContainNull();
    assertThat(records).extracting(RecordView::partition).contains(0, 1, 2, 3);
  }

  @Test
  void keepsTombstonesAndRawBytes() {
    broker.publish("raw", "k", null, Map.of("h", "v"));
    broker.publish("raw", null, new byte[] {(byte) 0xff}, Map.of());

    List<RecordView> records = broker.records("raw");

    assertThat(records.get(0).value()).isNull();
    assertThat(records.get(0).headers()).containsEntry("h", "v");
    assertThat(records.get(1).value()).containsExactly((byte) 0xff);
    assertThat(records.get(1).key()).isNull();
  }

  @Test
  void awaitsAcknowledgements() {
    transport.subscribe(new SubscribeRequest("billing", "orders", 10), Recorder.acknowledging());

    sendNumbered("orders", 25);

    broker.awaitAcknowledged("billing", "orders", 25, Duration.ofSeconds(5));
    assertThat(broker.acknowledged("billing", "orders")).isEqualTo(25);
    assertThat(broker.acknowledged("shipping", "orders")).isZero();
  }

  @Test
  void reportsWhatWasSeenWhenAwaitingAcknowledgementsTimesOut() {
    sendNumbered("orders", 2);

    assertThatThrownBy(
            () -> broker.awaitAcknowledged("billing", "orders", 2, Duration.ofMillis(50)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("acknowledged 0 of the 2");
  }

  @Test
  void forgetsEverythingOnClear() {
    sendNumbered("orders", 3);

    broker.clear();

    assertThat(broker.records("orders")).isEmpty();
    assertThat(broker.acknowledged("billing", "orders")).isZero();
  }

  @Test
  void sharesANamedBrokerAndKeepsCreatedOnesPrivate() {
    InMemoryBroker named = InMemoryBroker.named("shared-by-name");

    assertThat(InMemoryBroker.named("shared-by-name")).isSameAs(named);
    assertThat(InMemoryBroker.create()).isNotSameAs(InMemoryBroker.create());
    assertThat(named.name()).isEqualTo("shared-by-name");
  }

  @Test
  void rejectsUseAfterClose() {
    Transport closed = broker.transport();

    closed.close();

    assertThatThrownBy(() -> closed.send(record("orders", "a", "one")))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () -> closed.subscribe(new SubscribeRequest("g", "orders", 1), Recorder.holding()))
        .isInstanceOf(IllegalStateException.class);
  }

  private void send(String topic, String key, String text) {
    transport.send(record(topic, key, text)).join();
  }

  private void sendSameKey(String topic, String... texts) {
    for (String text : texts) {
      send(topic, "same", text);
    }
  }

  private List<String> sendNumbered(String topic, int count) {
    List<String> written = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      send(topic, "key-" + i, "value-" + i);
      written.add("value-" + i);
    }
    return written;
  }

  private List<String> sendUnkeyed(String topic, int count) {
    List<String> written = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      send(topic, null, "value-" + i);
      written.add("value-" + i);
    }
    return written;
  }

  private static OutboundRecord record(String topic, String key, String text) {
    return new OutboundRecord(topic, key, text.getBytes(UTF_8), Map.of());
  }
}
