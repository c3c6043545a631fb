package dev.mom.transport.kafka;

import dev.mom.api.ConfigurationException;
import dev.mom.spi.TransportSettings;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka transport's configuration, read once from {@link TransportSettings} and checked.
 *
 * <p>Client properties are layered: Mom's defaults, then {@code kafka-bootstrap-brokers}, then the
 * {@code [kafka]} section, then {@code [kafka.producer]} or {@code [kafka.consumer]}. Section keys
 * are passed verbatim, so a user can set anything kafka-clients knows, SASL and TLS included, and
 * override any default. Immutable.
 */
final class KafkaSettings {

  static final String BOOTSTRAP = "kafka-bootstrap-brokers";
  static final String ZOOKEEPER = "zookeeper-servers";
  static final String CREATE_TOPICS = "kafka-create-topics";
  static final String TOPIC_PARTITIONS = "kafka-topic-partitions";
  static final String TOPIC_REPLICATION = "kafka-topic-replication-factor";
  static final String REVOKE_TIMEOUT = "kafka-revoke-timeout";

  static final String COMMON_SECTION = "kafka";
  static final String PRODUCER_SECTION = "kafka.producer";
  static final String CONSUMER_SECTION = "kafka.consumer";

  static final Set<String> KEYS =
      Set.of(
          BOOTSTRAP, ZOOKEEPER, CREATE_TOPICS, TOPIC_PARTITIONS, TOPIC_REPLICATION, REVOKE_TIMEOUT);
  static final Set<String> SECTIONS = Set.of(COMMON_SECTION, PRODUCER_SECTION, CONSUMER_SECTION);

  static final Duration DEFAULT_REVOKE_TIMEOUT = Duration.ofSeconds(5);

  private final Map<String, Object> common;
  private final Map<String, String> producerSection;
  private final Map<String, String> consumerSection;
  private final boolean createTopics;
  private final Optional<Integer> topicPartitions;
  private final Optional<Short> topicReplicationFactor;
  private final Duration revokeTimeout;
  private final int maxRequestSize;

  private KafkaSettings(TransportSettings settings) {
    common = commonProperties(settings);
    producerSection = settings.section(PRODUCER_SECTION);
    consumerSection = settings.section(CONSUMER_SECTION);
    createTopics = parseBoolean(settings, CREATE_TOPICS, true);
    topicPartitions =
        parsePositive(settings, TOPIC_PARTITIONS, Integer.MAX_VALUE).map(Long::intValue);
    topicReplicationFactor =
        parsePositive(settings, TOPIC_REPLICATION, Short.MAX_VALUE).map(Long::shortValue);
    revokeTimeout = parseDuration(settings, REVOKE_TIMEOUT, DEFAULT_REVOKE_TIMEOUT);
    maxRequestSize = checkClientConfigs(settings);
  }

  /**
   * Reads and checks the settings, including what kafka-clients itself would reject.
   *
   * @param settings the configuration
   * @return the checked settings
   * @throws ConfigurationException if a setting is missing or bad
   */
  static KafkaSettings from(TransportSettings settings) {
    return new KafkaSettings(settings);
  }

  /** Returns the producer's properties: acks=all and idempotence unless the user says otherwise. */
  Map<String, Object> producerConfig() {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    config.putAll(common);
    config.putAll(producerSection);
    if (acksAll(config)) {
      config.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    }
    return config;
  }

  /**
   * Returns the consumer's properties for one group: manual commits, earliest offset for a new
   * group, and fetches no larger than Mom's in-flight limit.
   */
  Map<String, Object> consumerConfig(String group, int maxInFlight) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(maxInFlight));
    config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    config.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    config.putAll(common);
    config.putAll(consumerSection);
    // The group and manual commits are what the subscription is built on: never overridden.
    config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return config;
  }

  /** Returns the admin client's properties: the bootstrap servers and the {@code [kafka]} keys. */
  Map<String, Object> adminConfig() {
    return new HashMap<>(common);
  }

  /** Returns whether Mom may create a topic it writes to or reads from when it does not exist. */
  boolean createTopics() {
    return createTopics;
  }

  /** Returns the partition count for topics Mom creates; empty for the broker's default. */
  Optional<Integer> topicPartitions() {
    return topicPartitions;
  }

  /** Returns the replication factor for topics Mom creates; empty for the broker's default. */
  Optional<Short> topicReplicationFactor() {
    return topicReplicationFactor;
  }

  /** Returns how long a rebalance waits for in-flight records of revoked partitions to settle. */
  Duration revokeTimeout() {
    return revokeTimeout;
  }

  /** Returns the producer's {@code max.request.size}, for errors about records too large. */
  int maxRequestSize() {
    return maxRequestSize;
  }

  private static Map<String, Object> commonProperties(TransportSettings settings) {
    Map<String, Object> config = new HashMap<>();
    settings
        .get(BOOTSTRAP)
        .ifPresent(b -> config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, b));
    config.putAll(settings.section(COMMON_SECTION));
    if (!config.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
      throw settings.invalid(
          BOOTSTRAP, null, "is required: the Kafka brokers as host:port, separated by commas");
    }
    return config;
  }

  private static boolean acksAll(Map<String, Object> config) {
    String acks = String.valueOf(config.get(ProducerConfig.ACKS_CONFIG)).trim();
    return acks.equalsIgnoreCase("all") || acks.equals("-1");
  }

  /** Checks the client settings as kafka-clients would, and returns max.request.size. */
  private int checkClientConfigs(TransportSettings settings) {
    try {
      new ConsumerConfig(consumerConfig("mom-config-check", 1));
      return new ProducerConfig(producerConfig()).getInt(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
    } catch (ConfigException e) {
      // kafka-clients masks values of password-typed keys in its own message.
      throw new ConfigurationException(
          "Kafka rejects the client settings from " + settings.source() + ": " + e.getMessage(), e);
    }
  }

  private static boolean parseBoolean(TransportSettings settings, String key, boolean fallback) {
    Optional<String> value = settings.get(key);
    if (value.isEmpty()) {
      return fallback;
    }
    String text = value.get().toLowerCase(Locale.ROOT);
    if (!text.equals("true") && !text.equals("false")) {
      throw settings.invalid(key, value.get(), "must be true or false");
    }
    return Boolean.parseBoolean(text);
  }

  private static Optional<Long> parsePositive(TransportSettings settings, String key, long max) {
    Optional<String> value = settings.get(key);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      long number = Long.parseLong(value.get());
      if (number >= 1 && number <= max) {
        return Optional.of(number);
      }
    } catch (NumberFormatException e) {
      // Reported below with the other bad values.
    }
    throw settings.invalid(key, value.get(), "must be a whole number from 1 to " + max);
  }

  private static Duration parseDuration(TransportSettings settings, String key, Duration fallback) {
    Optional<String> value = settings.get(key);
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      Duration duration = Durations.parse(value.get());
      if (!duration.isNegative()) {
        return duration;
      }
    } catch (DateTimeParseException | ArithmeticException e) {
      // Reported below with the other bad values.
    }
    throw settings.invalid(key, value.get(), "must be a duration such as 5s, 500ms or PT5S");
  }
}
