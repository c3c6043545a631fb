package dev.mom.transport.inmemory;

import dev.mom.api.MomException;
import dev.mom.spi.Transport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A message broker inside the JVM with the semantics of a partitioned log, for users' unit tests
 * and demos.
 *
 * <p><b>Topics</b> are created on first use, each with the broker's number of partitions (4 unless
 * configured). A record goes to the partition its key hashes to, or round robin without a key, and
 * gets the next offset there; records of one key are therefore delivered in the order written. A
 * topic holds at most {@code max-topic-size} records (1,000,000 unless configured); a send beyond
 * fails with a {@link MomException} instead of exhausting the heap.
 *
 * <p><b>Consumer groups.</b> Every group gets every record, a new group starting at the first
 * record of the topic; the members of a group (its open subscriptions) split the partitions, in
 * join order, and the split is redone whenever one joins or leaves. A partition that moves is
 * revoked from its old owner (its records in flight report {@code isRevoked()} and their
 * acknowledgements are ignored) and its new owner starts at the group's committed offset, the end
 * of the contiguous acknowledged prefix, skipping records acknowledged beyond it. Unacknowledged
 * records are therefore delivered again after a subscription closes. A subscription has at most its
 * {@code maxInFlight} records outstanding, and delivers from its own thread, one record at a time,
 * never holding a lock the listener could need.
 *
 * <p><b>Named brokers.</b> {@link #named(String)} is a registry of shared brokers for the JVM, so
 * that several {@code Mom} instances built from configuration ({@code [inmemory] broker = name})
 * talk to one broker, as a producer and a consumer service would. {@link #create()} makes a private
 * broker a test can hand to {@code Mom.builder().transport(broker.transport())}.
 *
 * <p><b>Threads.</b> All methods are thread-safe. Only {@link #awaitAcknowledged} blocks.
 */
public final class InMemoryBroker {

  /** The name of the broker used when the configuration names none. */
  public static final String DEFAULT_NAME = "default";

  private static final ConcurrentMap<String, InMemoryBroker> NAMED = new ConcurrentHashMap<>();
  private static final AtomicLong PRIVATE_COUNT = new AtomicLong();

  private final String name;
  private final Limits limits;
  private final ConcurrentMap<String, Topic> topics = new ConcurrentHashMap<>();

  private InMemoryBroker(String name, Limits limits) {
    this.name = name;
    this.limits = limits;
  }

  /**
   * Returns the shared broker with this name, creating it with the default limits on first use.
   * Named brokers live as long as the JVM; {@link #clear()} empties one.
   *
   * @param name the broker's name, not empty
   * @return the broker
   */
  public static InMemoryBroker named(String name) {
    checkName(name);
    return NAMED.computeIfAbsent(name, n -> new InMemoryBroker(n, Limits.defaults()));
  }

  /**
   * Returns the shared broker with this name, creating it with these limits on first use.
   *
   * @throws IllegalArgumentException if the broker exists with other limits
   */
  static InMemoryBroker named(String name, Limits limits) {
    checkName(name);
    InMemoryBroker broker = NAMED.computeIfAbsent(name, n -> new InMemoryBroker(n, limits));
    if (!broker.limits.equals(limits)) {
      throw new IllegalArgumentException(
          "broker '"
              + name
              + "' already exists with "
              + broker.limits.partitions()
              + " partitions and a max-topic-size of "
              + broker.limits.maxTopicSize());
    }
    return broker;
  }

  /**
   * Creates a private broker with the default limits: 4 partitions a topic, 1,000,000 records a
   * topic.
   *
   * @return a new broker, reachable only through this reference
   */
  public static InMemoryBroker create() {
    return builder().build();
  }

  /** Returns a builder for a private broker with other limits. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the broker's name; private brokers have a generated one. */
  public String name() {
    return name;
  }

  /** Returns how many partitions every topic of this broker has. */
  public int partitions() {
    return limits.partitions();
  }

  /** Returns how many records a topic of this broker holds at most. */
  public long maxTopicSize() {
    return limits.maxTopicSize();
  }

  /**
   * Returns a new transport over this broker, for {@code Mom.builder().transport(...)}. Closing the
   * transport closes its subscriptions and keeps the broker's records.
   *
   * @return the transport, owned by the caller
   */
  public Transport transport() {
    return new InMemoryTransport(this);
  }

  /**
   * Appends a raw record, as a producer outside Mom would: any bytes, a {@code null} value (a
   * tombstone) included. Useful to feed a consumer bytes Mom's producer would never write.
   *
   * @param topic the topic, not empty
   * @param key the key, or {@code null} for round-robin placement
   * @param value the value, or {@code null}; copied
   * @param headers the headers; copied
   * @return the record as stored
   * @throws MomException if the topic is full
   */
  public RecordView publish(String topic, String key, byte[] value, Map<String, String> headers) {
    byte[] copy = value == null ? null : value.clone();
    return append(topic, key, copy, Map.copyOf(headers)).view();
  }

  /**
   * Returns the values written to a topic, in write order across its partitions.
   *
   * @param topic the topic
   * @return copies of the values ({@code null} for tombstones); empty for a topic never used
   */
  public List<byte[]> values(String topic) {
    return records(topic).stream().map(RecordView::value).toList();
  }

  /**
   * Returns the values written to a topic decoded as UTF-8, in write order across its partitions.
   *
   * @param topic the topic
   * @return the texts ({@code null} for tombstones); empty for a topic never used
   */
  public List<String> texts(String topic) {
    return records(topic).stream().map(RecordView::text).toList();
  }

  /**
   * Returns the records written to a topic with their keys, headers and places, in write order
   * across its partitions.
   *
   * @param topic the topic
   * @return the records; empty for a topic never used
   */
  public List<RecordView> records(String topic) {
    Topic state = topics.get(Objects.requireNonNull(topic, "topic"));
    return state == null ? List.of() : state.records().stream().map(StoredRecord::view).toList();
  }

  /**
   * Returns how many records of a topic a consumer group acknowledged.
   *
   * @param group the consumer group
   * @param topic the topic
   * @return the count; 0 for a group or topic never used
   */
  public long acknowledged(String group, String topic) {
    Objects.requireNonNull(group, "group");
    Topic state = topics.get(Objects.requireNonNull(topic, "topic"));
    return state == null ? 0 : state.acknowledged(group);
  }

  /**
   * Blocks until a consumer group acknowledged at least {@code count} records of a topic.
   *
   * @param group the consumer group
   * @param topic the topic
   * @param count how many acknowledged records to wait for
   * @param timeout how long to wait at most
   * @throws IllegalStateException if the timeout passed first, or the thread was interrupted (its
   *     interrupt flag is then set again); the message says how many were acknowledged
   */
  public void awaitAcknowledged(String group, String topic, long count, Duration timeout) {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(timeout, "timeout");
    long seen;
    try {
      seen = topic(topic).awaitAcknowledged(group, count, timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          awaitFailure(group, topic, count, acknowledged(group, topic), "interrupted"), e);
    }
    if (seen < count) {
      throw new IllegalStateException(awaitFailure(group, topic, count, seen, "within " + timeout));
    }
  }

  private static String awaitFailure(
      String group, String topic, long count, long seen, String when) {
    return "group '"
        + group
        + "' acknowledged "
        + seen
        + " of the "
        + count
        + " records awaited on topic '"
        + topic
        + "' ("
        + when
        + ")";
  }

  /**
   * Forgets every record and committed offset of every topic. Open subscriptions stay open; their
   * records in flight are revoked, and they read the topics again from the start.
   */
  public void clear() {
    topics.values().forEach(Topic::clear);
  }

  StoredRecord append(String topic, String key, byte[] value, Map<String, String> headers) {
    return topic(topic).append(key, value, headers);
  }

  Topic topic(String name) {
    Objects.requireNonNull(name, "topic");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("topic must not be empty");
    }
    return topics.computeIfAbsent(name, n -> new Topic(n, limits));
  }

  private static void checkName(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("broker name must not be blank");
    }
  }

  @Override
  public String toString() {
    return "InMemoryBroker[" + name + "]";
  }

  /** Collects the limits of a private broker. Not thread-safe; use from one thread. */
  public static final class Builder {
    private int partitions = Limits.DEFAULT_PARTITIONS;
    private long maxTopicSize = Limits.DEFAULT_MAX_TOPIC_SIZE;

    private Builder() {}

    /**
     * Sets how many partitions every topic has, 1 to 1024; 4 by default. One partition gives a
     * single total order per topic; more let the members of a group share the work.
     *
     * @param partitions the count
     * @return this builder
     */
    public Builder partitions(int partitions) {
      this.partitions = partitions;
      return this;
    }

    /**
     * Sets how many records a topic holds at most; 1,000,000 by default.
     *
     * @param records the limit, at least 1
     * @return this builder
     */
    public Builder maxTopicSize(long records) {
      this.maxTopicSize = records;
      return this;
    }

    /**
     * Builds a private broker.
     *
     * @return the broker
     * @throws IllegalArgumentException if a limit is out of range
     */
    public InMemoryBroker build() {
      Limits limits = new Limits(partitions, maxTopicSize);
      return new InMemoryBroker("private-" + PRIVATE_COUNT.incrementAndGet(), limits);
    }
  }
}
