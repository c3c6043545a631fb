package dev.mom.transport.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mom.api.MomException;
import dev.mom.spi.InboundRecord;
import dev.mom.spi.OutboundRecord;
import dev.mom.spi.SubscribeRequest;
import dev.mom.spi.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The transport against a real broker, below Mom's core. */
class KafkaTransportTest {

  private final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void closeResources() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  @Test
  void deliversKeyValueAndHeadersAsSent() throws Exception {
    KafkaTransport transport = transport(TestSettings.forBroker());
    String topic = uniqueName("plain");
    Received received = Received.acknowledging();

    transport
        .send(record(topic, "ord-1", "hello", Map.of("mom-message-id", "m-1")))
        .get(30, TimeUnit.SECONDS);
    subscribe(transport, "g1", topic, 10, received);

    await().atMost(Duration.ofSeconds(30)).until(() -> received.count() == 1);
    InboundRecord record = received.records().get(0);
    assertThat(record.topic()).isEqualTo(topic);
    assertThat(record.key()).isEqualTo("ord-1");
    assertThat(Received.text(record)).isEqualTo("hello");
    assertThat(record.headers()).containsEntry("mom-message-id", "m-1");
    assertThat(record.position()).matches("partition \\d+, offset 0");
  }

  @Test
  void keepsTheOrderOfRecordsWithTheSameKey() throws Exception {
    KafkaTransport transport = transport(TestSettings.forBroker());
    String topic = uniqueName("order");
    Received received = Received.acknowledging();
    List<CompletableFuture<Void>> sends = new ArrayList<>();
    for (int seq = 0; seq < 300; seq++) {
      sends.add(transport.send(record(topic, "key-" + seq % 7, Integer.toString(seq), Map.of())));
    }

    CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    subscribe(transport, "g1", topic, 50, received);

    await().atMost(Duration.ofSeconds(30)).until(() -> received.count() == 300);
    Map<String, Integer> lastPerKey = new HashMap<>();
    for (InboundRecord record : received.records()) {
      int seq = Integer.parseInt(Received.text(record));
      assertThat(seq).isGreaterThan(lastPerKey.getOrDefault(record.key(), -1));
      lastPerKey.put(record.key(), seq);
    }
  }

  @Test
  void commitsOnlyTheContiguousPrefixOfAcknowledgedRecords() throws Exception {
    KafkaTransport transport =
        transport(TestSettings.forBroker().set(KafkaSettings.TOPIC_PARTITIONS, "1"));
    String topic = uniqueName("prefix");
    Received received = Received.holding();
    sendAll(transport, topic, 10);
    subscribe(transport, "g1", topic, 20, received);
    await().atMost(Duration.ofSeconds(30)).until(() -> received.count() == 10);

    List<InboundRecord> records = received.records();
    for (int offset : new int[] {0, 1, 2, 4, 5, 9}) {
      records.get(offset).ack();
    }

    TopicPartition partition = new TopicPartition(topic, 0);
    await().atMost(Duration.ofSeconds(10)).until(() -> committed("g1", partition) == 3);
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(2))
        .until(() -> committed("g1", partition) == 3);
    records.get(3).ack();
    await().atMost(Duration.ofSeconds(10)).until(() -> committed("g1", partition) == 6);
  }

  @Test
  void deliversAReleasedRecordAndTheOnesAfterItAgainInOrder() throws Exception {
    KafkaTransport transport =
        transport(TestSettings.forBroker().set(KafkaSettings.TOPIC_PARTITIONS, "1"));
    String topic = uniqueName("release");
    Received received = Received.holding();
    sendAll(transport, topic, 4);
    subscribe(transport, "g1", topic, 20, received);
    await().atMost(Duration.ofSeconds(30)).until(() -> received.count() == 4);
    List<InboundRecord> first = received.records();

    first.get(0).ack();
    first.get(2).ack();
    first.get(1).release();

    await().atMost(Duration.ofSeconds(10)).until(() -> received.count() == 7);
    assertThat(received.values()).containsExactly("0", "1", "2", "3", "1", "2", "3");
    assertThat(first.get(3).isRevoked()).isTrue();
    received.records().subList(4, 7).forEach(InboundRecord::ack);
    TopicPartition partition = new TopicPartition(topic, 0);
    await().atMost(Duration.ofSeconds(10)).until(() -> committed("g1", partition) == 4);
  }

  @Test
  void holdsNoMoreUncommittedRecordsThanTheInFlightLimit() throws Exception {
    KafkaTransport transport = transport(TestSettings.forBroker());
    String topic = uniqueName("limit");
    Received received = Received.holding();
    sendAll(transport, topic, 40);

    subscribe(transport, "g1", topic, 5, received);

    await().atMost(Duration.ofSeconds(30)).until(() -> received.count() == 5);
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(2))
        .until(() -> received.count() == 5);
    received.records().forEach(InboundRecord::ack);
    await().atMost(Duration.ofSeconds(10)).until(() -> received.count() == 10);
  }

  @Test
  void refusesATooLargeRecordWithItsSizeAndLimitThenWritesTheNext() throws Exception {
    KafkaTransport transport = transport(TestSettings.forBroker());
    String topic = uniqueName("large");
    byte[] twoMegabytes = new byte[2 * 1024 * 1024];

    CompletableFuture<Void> tooLarge =
        transport.send(new OutboundRecord(topic, "big", twoMegabytes, Map.of()));
    CompletableFuture<Void> next = transport.send(record(topic, "small", "fits", Map.of()));

    assertThatThrownBy(() -> tooLarge.get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(MomException.class)
        .hasMessageContaining("too large")
        .hasMessageContaining(Integer.toString(twoMegabytes.length + 3))
        .hasMessageContaining("max.request.size of 1048576 bytes");
    assertThat(next).succeedsWithin(Duration.ofSeconds(30));
  }

  @Test
  void reportsARecordTheBrokerFindsTooLargeThenWritesTheNext() throws Exception {
    KafkaTransport transport = transport(TestSettings.forBroker());
    String topic = uniqueName("broker-limit");
    try (Admin admin = KafkaBroker.shared().admin()) {
      NewTopic small =
          new NewTopic(topic, 1, (short) 1).configs(Map.of("max.message.bytes", "2000"));
      admin.createTopics(List.of(small)).all().get();
    }

    CompletableFuture<Void> tooLarge =
        transport.send(new OutboundRecord(topic, "big", new byte[10_000], Map.of()));
    CompletableFuture<Void> next = transport.send(record(topic, "small", "fits", Map.of()));

    assertThatThrownBy(() -> tooLarge.get(30, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(MomException.class)
        .hasMessageContaining("about 10003 bytes")
        .hasMessageContaining("max.message.bytes");
    assertThat(next).succeedsWithin(Duration.ofSeconds(30));
  }

  @Test
  void refusesAnUnknownTopicWhenTopicCreationIsOff() {
    KafkaTransport transport =
        transport(TestSettings.forBroker().set(KafkaSettings.CREATE_TOPICS, "false"));
    String topic = uniqueName("missing");

    CompletableFuture<Void> send = transport.send(record(topic, "k", "v", Map.of()));

    assertThatThrownBy(() -> send.get(30, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(MomException.class)
        .hasMessageContaining(topic)
        .hasMessageContaining("does not exist");
  }

  @Test
  void deliversATombstoneWithoutValue() throws Exception {
    KafkaTransport transport = transport(TestSettings.forBroker());
    String topic = uniqueName("tombstone");
    transport.send(record(topic, "k", "before", Map.of())).get(30, TimeUnit.SECONDS);
    Received received = Received.acknowledging();

    try (KafkaProducer<byte[], byte[]> plain = plainProducer()) {
      plain.send(new ProducerRecord<>(topic, "k".getBytes(StandardCharsets.UTF_8), null)).get();
    }
    subscribe(transport, "g1", topic, 10, received);

    await().atMost(Duration.ofSeconds(30)).until(() -> received.count() == 2);
    assertThat(received.values()).containsExactly("before", null);
  }

  @Test
  void closingCommitsWhatWasAcknowledged() throws Exception {
    KafkaTransport transport = transport(TestSettings.forBroker());
    String topic = uniqueName("close");
    sendAll(transport, topic, 20);
    Received first = Received.acknowledging();
    Subscription subscription = subscribe(transport, "g1", topic, 50, first);
    await().atMost(Duration.ofSeconds(30)).until(() -> first.count() == 20);

    subscription.close();
    sendAll(transport, topic, 1);
    Received second = Received.acknowledging();
    subscribe(transport, "g1", topic, 50, second);

    await().atMost(Duration.ofSeconds(30)).until(() -> second.count() == 1);
    assertThat(second.values()).containsExactly("0");
  }

  private KafkaTransport transport(TestSettings settings) {
    KafkaTransport transport = new KafkaTransport(KafkaSettings.from(settings));
    resources.add(transport);
    return transport;
  }

  private Subscription subscribe(
      KafkaTransport transport, String group, String topic, int maxInFlight, Received listener) {
    return transport.subscribe(new SubscribeRequest(group, topic, maxInFlight), listener);
  }

  static void sendAll(KafkaTransport transport, String topic, int count) throws Exception {
    List<CompletableFuture<Void>> sends = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      sends.add(transport.send(record(topic, "key-" + i, Integer.toString(i), Map.of())));
    }
    CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
  }

  static OutboundRecord record(
      String topic, String key, String value, Map<String, String> headers) {
    return new OutboundRecord(topic, key, value.getBytes(StandardCharsets.UTF_8), headers);
  }

  static String uniqueName(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static long committed(String group, TopicPartition partition) throws Exception {
    try (Admin admin = KafkaBroker.shared().admin()) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      OffsetAndMetadata offset = offsets.get(partition);
      return offset == null ? -1 : offset.offset();
    }
  }

  private static KafkaProducer<byte[], byte[]> plainProducer() {
    return new KafkaProducer<>(
        Map.of("bootstrap.servers", KafkaBroker.shared().bootstrapServers()),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }
}
