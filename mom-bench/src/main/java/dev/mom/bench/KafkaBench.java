package dev.mom.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mom.Mom;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka broker of a run and what both sides of a Kafka pair share: topics, client settings,
 * Mom's settings, and backlogs of orders written once and read by several groups.
 *
 * <p>Both sides use the same client settings: Mom's Kafka transport defaults ({@code acks=all} with
 * idempotence for producers; manual commits, {@code earliest} for consumers) and kafka-clients'
 * defaults for everything else. Used from the harness thread only.
 */
final class KafkaBench implements AutoCloseable {

  /** Partitions of every topic the benchmarks create. */
  static final int PARTITIONS = 6;

  private final String bootstrap;
  private final Map<String, String> momSettings;
  private final Admin admin;
  private final Map<String, Long> backlogs = new HashMap<>();
  private String pass = "";

  KafkaBench(String bootstrap, Map<String, String> momSettings) {
    this.bootstrap = bootstrap;
    this.momSettings = Map.copyOf(momSettings);
    this.admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
  }

  /**
   * Names the pass that follows, so that its topics and groups are its own: a warm-up pass must
   * leave no committed offsets or backlog to the measured one.
   */
  void pass(String name) {
    pass = name;
  }

  /** Returns a topic or group name of the current pass. */
  String name(String base) {
    return pass.isEmpty() ? base : base + "-" + pass;
  }

  /** Returns the {@code host:port} clients connect to. */
  String bootstrap() {
    return bootstrap;
  }

  /** Creates a topic with {@link #PARTITIONS} partitions, unless it exists. */
  void createTopic(String topic) {
    try {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      if (!existing.contains(topic)) {
        admin
            .createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1)))
            .all()
            .get(30, TimeUnit.SECONDS);
      }
      awaitLeaders(topic);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topic " + topic, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create topic " + topic, e);
    }
  }

  /**
   * Waits until every partition of a new topic has a leader: a producer that starts before may have
   * its first batches refused and, with many batches in flight, fail them out of sequence.
   */
  private void awaitLeaders(String topic)
      throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (hasLeaders(topic)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new TimeoutException("partitions of " + topic + " have no leader after 30 s");
  }

  private boolean hasLeaders(String topic)
      throws InterruptedException, ExecutionException, TimeoutException {
    try {
      TopicDescription description =
          admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
      return description.partitions().stream().allMatch(p -> p.leader() != null);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return false;
      }
      throw e;
    }
  }

  /** Returns the plain producer's settings: Mom's producer defaults, byte arrays. */
  Map<String, Object> producerConfig() {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return config;
  }

  /** Returns a plain consumer for a group: manual commits, from the earliest offset. */
  KafkaConsumer<byte[], byte[]> consumer(String group) {
    return new KafkaConsumer<>(consumerConfig(bootstrap, group));
  }

  /** Returns the plain consumer's settings; also used by the child JVMs of the memory pair. */
  static Map<String, Object> consumerConfig(String bootstrap, String group) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    config.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return config;
  }

  /** Returns a Mom builder on this broker with the run's Mom settings, others default. */
  Mom.Builder mom() {
    return momOn(bootstrap, momSettings);
  }

  /** Returns the Mom settings of the run in words, for the notes of the report. */
  String describeMomSettings() {
    return momSettings.isEmpty()
        ? "default settings"
        : "settings " + String.join(", ", momSettingArguments());
  }

  /** Returns the Mom settings of the run, as {@code key=value} arguments for a child JVM. */
  List<String> momSettingArguments() {
    return momSettings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
  }

  /** Returns a Mom builder on a broker; also used by the child JVMs of the memory pair. */
  static Mom.Builder momOn(String bootstrap, Map<String, String> settings) {
    return Mom.builder()
        .transport("kafka")
        .set("kafka-bootstrap-brokers", bootstrap)
        .setAll(settings);
  }

  /**
   * Makes sure a topic holds at least {@code count} messages written by a plain producer, writing
   * the missing ones. Message {@code i} gets the id and payload the functions give.
   *
   * @param topic the topic
   * @param count how many messages it must hold
   * @param id the id of message i
   * @param payload the payload of message i
   */
  void backlog(String topic, long count, LongFunction<String> id, LongFunction<JsonNode> payload) {
    createTopic(topic);
    long have = backlogs.getOrDefault(topic, 0L);
    if (have >= count) {
      return;
    }
    AtomicLong failed = new AtomicLong();
    Map<String, Object> config = producerConfig();
    // Set-up, not measured: one batch in flight cannot be refused out of sequence.
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
      producer.partitionsFor(topic);
      for (long i = have; i < count; i++) {
        String key = id.apply(i);
        byte[] value = Orders.envelope(key, payload.apply(i));
        producer.send(
            new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value),
            (metadata, error) -> {
              if (error != null) {
                failed.incrementAndGet();
              }
            });
      }
      producer.flush();
    }
    if (failed.get() > 0) {
      throw new IllegalStateException(
          failed.get() + " messages of the backlog of " + topic + " could not be written");
    }
    backlogs.put(topic, count);
  }

  /** Records that a topic already holds {@code count} messages written by a side of a pair. */
  void noteBacklog(String topic, long count) {
    backlogs.merge(topic, count, Math::max);
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }
}
