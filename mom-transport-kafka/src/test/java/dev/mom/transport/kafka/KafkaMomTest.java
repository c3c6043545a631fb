package dev.mom.transport.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mom.Mom;
import dev.mom.api.Message;
import dev.mom.api.RecoverableException;
import dev.mom.transport.kafka.Orders.Order;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What Mom promises on Kafka in particular: membership, crashes and retries on a real broker. */
class KafkaMomTest {

  private static final KafkaFixture FIXTURE = KafkaFixture.classicProtocol(KafkaBroker.shared());
  private static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(2);
  private static final int IN_FLIGHT = 200;

  private final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void closeResources() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  @AfterAll
  static void closeFixture() {
    FIXTURE.close();
  }

  @Test
  void retriesForThreeMaxPollIntervalsWithoutARebalance() throws Exception {
    RebalanceCounter rebalances = new RebalanceCounter();
    TestSettings settings =
        FIXTURE
            .settings()
            .set(
                KafkaSettings.CONSUMER_SECTION,
                "max.poll.interval.ms",
                Long.toString(MAX_POLL_INTERVAL.toMillis()));
    KafkaTransport transport = new KafkaTransport(KafkaSettings.from(settings), rebalances);
    Mom mom = keep(retrying(Mom.builder().transport(transport), 3, MAX_POLL_INTERVAL));
    String topic = FIXTURE.uniqueTopic("long-retry");
    Set<String> handled = ConcurrentHashMap.newKeySet();
    mom.register(failingUntilLastAttempt("slow", 3, handled), "long-retry", topic);
    mom.start();

    mom.producer(topic).write("slow", Map.of("n", 0));
    writeIds(mom, topic, "other-", 100);

    await().atMost(Duration.ofSeconds(20)).until(() -> handled.size() == 100);
    assertThat(handled).doesNotContain("slow");
    await().atMost(Duration.ofSeconds(30)).until(() -> handled.contains("slow"));
    assertThat(rebalances.revocations()).isZero();
    assertThat(rebalances.assignments()).isEqualTo(1);
  }

  @Test
  void idsInRetryHoldUpNeitherOtherPartitionsNorOtherIds() throws Exception {
    Mom mom = keep(retrying(FIXTURE.newMom(), 2, Duration.ofSeconds(5)));
    String topic = FIXTURE.uniqueTopic("retry-lanes");
    Set<String> handled = ConcurrentHashMap.newKeySet();
    Map<String, String> partitionOf = new ConcurrentHashMap<>();
    dev.mom.api.Consumer stuckFirst = failingUntilLastAttempt("stuck", 2, handled);
    mom.register(
        message -> {
          partitionOf.put(message.id(), partition(message));
          stuckFirst.onMessage(message);
        },
        "retry-lanes",
        topic);
    mom.start();

    mom.producer(topic).write("stuck", Map.of("n", 0));
    writeIds(mom, topic, "free-", 400);

    await().atMost(Duration.ofSeconds(20)).until(() -> handled.size() == 400);
    assertThat(handled).doesNotContain("stuck");
    String stuckPartition = partitionOf.get("stuck");
    assertThat(handled)
        .as("ids in the stuck id's partition")
        .anyMatch(id -> partitionOf.get(id).equals(stuckPartition))
        .as("ids in other partitions")
        .anyMatch(id -> !partitionOf.get(id).equals(stuckPartition));
    await().atMost(Duration.ofSeconds(30)).until(() -> handled.contains("stuck"));
  }

  private static String partition(Message message) {
    String position = message.position();
    return position.substring(0, position.indexOf(','));
  }

  @Test
  void handlesNoBufferedMessageOfARevokedPartition() throws Exception {
    String topic = FIXTURE.uniqueTopic("revoked-buffer");
    Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
    dev.mom.api.Consumer slow =
        message -> {
          handled
              .computeIfAbsent(message.messageId().orElseThrow(), id -> new AtomicInteger())
              .incrementAndGet();
          // Simulated work, so that far more is buffered than the revoke timeout lets finish.
          TimeUnit.MILLISECONDS.sleep(20);
        };
    Mom first = keep(FIXTURE.newMom().concurrency(2).maxInFlight(500).build());
    first.register(slow, "revoked-buffer", topic);
    first.start();
    writeIds(first, topic, "buffered-", 1000);
    await().atMost(Duration.ofSeconds(30)).until(() -> handled.size() >= 50);

    Mom second = keep(FIXTURE.newMom().concurrency(2).maxInFlight(500).build());
    second.register(slow, "revoked-buffer", topic);
    second.start();

    await().atMost(Duration.ofSeconds(90)).until(() -> handled.size() == 1000);
    int handledTwice = (int) handled.values().stream().filter(n -> n.get() > 1).count();
    // Only a message in progress when the revoke timeout ran out may come twice: one per worker.
    assertThat(handledTwice).as("messages handled twice").isLessThanOrEqualTo(2 * 2);
  }

  @Test
  void losesNothingWhenAMemberLeavesMidStream() throws Exception {
    List<Order> orders = Orders.read(6000);
    String topic = FIXTURE.uniqueTopic("member-leaves");
    Map<String, Set<Integer>> seen = new ConcurrentHashMap<>();
    AtomicInteger handled = new AtomicInteger();
    dev.mom.api.Consumer recorder = message -> record(message, seen, handled);
    Mom leaving = keep(FIXTURE.newMom().maxInFlight(IN_FLIGHT).build());
    Mom staying = keep(FIXTURE.newMom().maxInFlight(IN_FLIGHT).build());
    leaving.register(recorder, "member-leaves", topic);
    staying.register(recorder, "member-leaves", topic);
    leaving.start();
    staying.start();

    Orders.writeAll(staying.producer(topic), orders);
    await().atMost(Duration.ofSeconds(60)).until(() -> handled.get() >= orders.size() / 3);
    leaving.close();

    await().atMost(Duration.ofSeconds(90)).until(() -> complete(seen, orders));
  }

  @Test
  void losesNothingWhenAConsumerIsKilledMidStream(@TempDir Path dir) throws Exception {
    List<Order> orders = Orders.read(Integer.MAX_VALUE);
    String topic = FIXTURE.uniqueTopic("kill");
    Mom writer = keep(FIXTURE.newMom().build());
    Orders.writeAll(writer.producer(topic), orders);
    Path firstOutput = dir.resolve("first.tsv");
    Path secondOutput = dir.resolve("second.tsv");

    Process first = startChild(topic, firstOutput);
    await().atMost(Duration.ofSeconds(60)).until(() -> lines(firstOutput).size() >= 4000);
    // On Linux this is SIGKILL, as kill -9: no shutdown hook, no commit, no leaving the group.
    first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    Process second = startChild(topic, secondOutput);

    await()
        .atMost(Duration.ofSeconds(120))
        .until(() -> distinctMessages(firstOutput, secondOutput) == orders.size());
    List<String> all = new ArrayList<>(lines(firstOutput));
    all.addAll(lines(secondOutput));
    assertThat(lines(firstOutput)).as("handled before the kill").hasSizeLessThan(orders.size());
    assertThat(sequencesComplete(all, orders)).isTrue();
    assertThat(inOrderPerId(lines(firstOutput))).isTrue();
    assertThat(inOrderPerId(lines(secondOutput))).isTrue();
    assertThat(all.size() - orders.size()).isLessThanOrEqualTo(IN_FLIGHT);
    second.destroy();
    assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
  }

  private Process startChild(String topic, Path output) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            ChildConsumer.class.getName(),
            KafkaBroker.shared().bootstrapServers(),
            topic,
            "killed-group",
            Integer.toString(IN_FLIGHT),
            output.toString());
    builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process process = builder.start();
    resources.add(process::destroyForcibly);
    return process;
  }

  private static Mom retrying(Mom.Builder builder, int attempts, Duration firstBackoff) {
    return builder
        .retryMaxAttempts(attempts)
        .retryInitialBackoff(firstBackoff)
        .retryMaxBackoff(firstBackoff.multipliedBy(4))
        .set("retry-multiplier", "2")
        .set("retry-jitter", "0")
        .build();
  }

  private static dev.mom.api.Consumer failingUntilLastAttempt(
      String failingId, int attempts, Set<String> handled) {
    return message -> {
      if (message.id().equals(failingId) && message.attempt() < attempts) {
        throw new RecoverableException("not yet: attempt " + message.attempt());
      }
      handled.add(message.id());
    };
  }

  private static void writeIds(Mom mom, String topic, String prefix, int count) throws Exception {
    dev.mom.api.Producer producer = mom.producer(topic);
    CompletableFuture<?>[] writes =
        IntStream.range(0, count)
            .mapToObj(i -> producer.writeAsync(prefix + i, Map.of("n", i)))
            .toArray(CompletableFuture[]::new);
    CompletableFuture.allOf(writes).get(1, TimeUnit.MINUTES);
  }

  private static void record(Message message, Map<String, Set<Integer>> seen, AtomicInteger n) {
    seen.computeIfAbsent(message.id(), id -> ConcurrentHashMap.newKeySet())
        .add(message.payload().path("seq").asInt(0));
    n.incrementAndGet();
  }

  private static boolean complete(Map<String, Set<Integer>> seen, List<Order> orders) {
    return orders.stream().allMatch(o -> seen.getOrDefault(o.id(), Set.of()).contains(o.seq()));
  }

  private static boolean sequencesComplete(List<String> lines, List<Order> orders) {
    Map<String, Set<Integer>> seen = new HashMap<>();
    for (String line : lines) {
      String[] fields = line.split("\t", -1);
      int seq = fields[2].equals("-") ? 0 : Integer.parseInt(fields[2]);
      seen.computeIfAbsent(fields[1], id -> new HashSet<>()).add(seq);
    }
    return complete(seen, orders);
  }

  /** Returns whether every id's seq only grows within one consumer's output. */
  private static boolean inOrderPerId(List<String> lines) {
    Map<String, Integer> last = new HashMap<>();
    for (String line : lines) {
      String[] fields = line.split("\t", -1);
      if (!fields[2].equals("-")) {
        int seq = Integer.parseInt(fields[2]);
        if (seq <= last.getOrDefault(fields[1], 0)) {
          return false;
        }
        last.put(fields[1], seq);
      }
    }
    return true;
  }

  private static long distinctMessages(Path... outputs) throws IOException {
    Set<String> ids = new HashSet<>();
    for (Path output : outputs) {
      lines(output).forEach(line -> ids.add(line.substring(0, line.indexOf('\t'))));
    }
    return ids.size();
  }

  /** Returns the complete lines of a child's output; a line cut by a kill is left out. */
  private static List<String> lines(Path output) throws IOException {
    if (!Files.exists(output)) {
      return List.of();
    }
    String text = Files.readString(output, StandardCharsets.UTF_8);
    int end = text.lastIndexOf('\n');
    return end < 0 ? List.of() : text.substring(0, end).lines().collect(Collectors.toList());
  }

  private <T extends AutoCloseable> T keep(T resource) {
    resources.add(resource);
    return resource;
  }
}
