package dev.mom.transport.kafka;

import dev.mom.api.MomException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure a topic exists, creating it when the settings allow, before Mom writes to or reads
 * from it.
 *
 * <p>Thread-safe. Every method may block on the broker, so callers run it on their own threads (the
 * sender thread, a subscription's poll thread), never on a caller of the SPI.
 */
final class Topics implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Topics.class);

  private static final Duration LEADER_WAIT = Duration.ofSeconds(60);
  private static final Duration LEADER_ATTEMPT = Duration.ofSeconds(5);
  private static final Duration LEADER_RETRY_PAUSE = Duration.ofMillis(100);
  private static final Duration FAILURE_MEMORY = Duration.ofSeconds(2);

  private final KafkaSettings settings;
  private final Set<String> ready = ConcurrentHashMap.newKeySet();
  private final Map<String, Failure> recentFailures = new ConcurrentHashMap<>();
  private Admin admin;

  Topics(KafkaSettings settings) {
    this.settings = settings;
  }

  /**
   * Returns once the topic exists and every partition has a leader. A failure is remembered for a
   * moment and repeated to the calls that follow at once, so that a burst of sends to a topic the
   * broker does not answer for fails together rather than one timeout after another.
   *
   * @param topic the topic
   * @throws MomException if the topic does not exist and may not be created, or the broker refused
   */
  void ensure(String topic) {
    if (ready.contains(topic)) {
      return;
    }
    Failure recent = recentFailures.get(topic);
    if (recent != null && recent.isFresh()) {
      throw recent.again();
    }
    try {
      prepare(topic);
    } catch (MomException e) {
      // Sends queued behind this one fail at once instead of each waiting for the same timeout.
      recentFailures.put(topic, new Failure(e, System.nanoTime()));
      throw e;
    }
    recentFailures.remove(topic);
    ready.add(topic);
  }

  private void prepare(String topic) {
    Optional<TopicDescription> description = describe(topic);
    if (description.isEmpty()) {
      int partitions = create(topic).orElseGet(() -> awaitPartitionCount(topic));
      awaitLeaders(topic, partitions);
    } else if (!hasAllLeaders(description.get())) {
      awaitLeaders(topic, description.get().partitions().size());
    }
  }

  /** Closes the admin client, if one was opened. */
  @Override
  public synchronized void close() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
      admin = null;
    }
  }

  private synchronized Admin admin() {
    if (admin == null) {
      admin = Admin.create(settings.adminConfig());
    }
    return admin;
  }

  private Optional<TopicDescription> describe(String topic) {
    try {
      return Optional.of(
          await(admin().describeTopics(List.of(topic)).topicNameValues().get(topic)));
    } catch (UnknownTopicOrPartitionException e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      throw failure("cannot look up topic " + LogText.quote(topic), e, topic);
    }
  }

  /**
   * Returns the partition count of a topic someone else just created. Brokers learn of a new topic
   * a little after the controller, so the topic may look unknown for a moment.
   */
  private int awaitPartitionCount(String topic) {
    long deadline = System.nanoTime() + LEADER_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<TopicDescription> description = describe(topic);
      if (description.isPresent()) {
        return description.get().partitions().size();
      }
      LockSupport.parkNanos(LEADER_RETRY_PAUSE.toNanos());
    }
    throw failure("topic " + LogText.quote(topic) + " was created but does not show", null, topic);
  }

  /** Creates the topic; returns its partition count, or empty if someone else created it. */
  private Optional<Integer> create(String topic) {
    if (!settings.createTopics()) {
      throw failure(
          "topic "
              + LogText.quote(topic)
              + " does not exist, and "
              + KafkaSettings.CREATE_TOPICS
              + " is false",
          null,
          topic);
    }
    NewTopic newTopic =
        new NewTopic(topic, settings.topicPartitions(), settings.topicReplicationFactor());
    try {
      CreateTopicsResult result = admin().createTopics(List.of(newTopic));
      int partitions = await(result.numPartitions(topic));
      log.info("Created topic {} with {} partitions", LogText.quote(topic), partitions);
      return Optional.of(partitions);
    } catch (TopicExistsException e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      throw failure("cannot create topic " + LogText.quote(topic), e, topic);
    }
  }

  /**
   * Waits until every partition answers a list-offsets request. An idempotent producer that writes
   * to a partition before its leader is known everywhere can lose records to a broker race; a
   * partition that answers for its offsets is past that window.
   */
  private void awaitLeaders(String topic, int partitions) {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      request.put(new TopicPartition(topic, p), OffsetSpec.latest());
    }
    long deadline = System.nanoTime() + LEADER_WAIT.toNanos();
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      try {
        ListOffsetsOptions options = new ListOffsetsOptions().timeoutMs(timeoutMs(LEADER_ATTEMPT));
        await(admin().listOffsets(request, options).all());
        return;
      } catch (RuntimeException e) {
        last = e;
        LockSupport.parkNanos(LEADER_RETRY_PAUSE.toNanos());
      }
    }
    throw failure("partitions of topic " + LogText.quote(topic) + " have no leader", last, topic);
  }

  private static boolean hasAllLeaders(TopicDescription description) {
    return description.partitions().stream()
        .map(TopicPartitionInfo::leader)
        .allMatch(l -> l != null);
  }

  private static int timeoutMs(Duration duration) {
    return (int) duration.toMillis();
  }

  /** Waits for an admin result, unwrapping its failure. */
  private static <T> T await(KafkaFuture<T> future) {
    try {
      return future.get(LEADER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new MomException("Kafka failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MomException("interrupted while waiting for Kafka", e);
    } catch (TimeoutException e) {
      throw new MomException("Kafka did not answer within " + LEADER_WAIT.toSeconds() + " s", e);
    }
  }

  /** A recent failure to prepare a topic, repeated to sends that follow it closely. */
  private record Failure(MomException error, long atNanos) {

    boolean isFresh() {
      return System.nanoTime() - atNanos < FAILURE_MEMORY.toNanos();
    }

    MomException again() {
      return new MomException(
          error.getMessage(), error, error.topic().orElse(null), null, KafkaTransport.NAME);
    }
  }

  private static MomException failure(String problem, Throwable cause, String topic) {
    String because = cause == null ? "" : ": " + Failures.access(cause) + Failures.describe(cause);
    return new MomException(problem + because, cause, topic, null, KafkaTransport.NAME);
  }
}
