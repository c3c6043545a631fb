package dev.mom.tck;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mom.Mom;
import dev.mom.api.InvalidMessageException;
import dev.mom.api.Message;
import dev.mom.api.Producer;
import dev.mom.api.RecoverableException;
import dev.mom.api.UnrecoverableException;
import dev.mom.tck.RawReader.Raw;
import dev.mom.tck.SharedData.Envelope;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.UnaryOperator;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The scenarios every Mom transport must pass, run through Mom's public API against a real broker.
 *
 * <p>A transport module extends this class in its tests and implements {@link #fixture()}:
 *
 * <pre>{@code
 * class KafkaConformanceTest extends TransportConformanceTest {
 *   @Override
 *   protected TransportFixture fixture() {
 *     return new KafkaFixture(BROKER);
 *   }
 * }
 * }</pre>
 *
 * <p>A scenario the transport cannot support, as its {@link Capabilities} say, is skipped, and the
 * reason printed. Waits are generous ({@link #patience()}) so that slow brokers pass; on the
 * in-memory transport the whole suite takes seconds.
 */
public abstract class TransportConformanceTest {
  private static final String ERROR_CLASS = "mom-error-class";
  private static final String ERROR_MESSAGE = "mom-error-message";
  private static final String SOURCE_TOPIC = "mom-source-topic";
  private static final String SOURCE_POSITION = "mom-source-position";
  private static final String GROUP = "mom-group";
  private static final String ATTEMPTS = "mom-attempts";
  private static final String FAILED_AT = "mom-failed-at";

  private static final Duration SHORT_BACKOFF = Duration.ofMillis(10);
  private static final Duration QUIET_PERIOD = Duration.ofMillis(300);

  private final List<AutoCloseable> resources = new ArrayList<>();
  private TransportFixture fixture;
  private String scenario;

  /**
   * Returns the fixture for the transport under test. Called before every test; may return the same
   * instance each time.
   */
  protected abstract TransportFixture fixture();

  /** Returns how long a scenario waits for something to happen before it fails; one minute. */
  protected Duration patience() {
    return Duration.ofMinutes(1);
  }

  @BeforeEach
  final void prepareScenario(TestInfo test) {
    fixture = fixture();
    scenario = getClass().getSimpleName() + "." + test.getTestMethod().orElseThrow().getName();
  }

  @AfterEach
  final void closeScenario() throws Exception {
    Exception failure = null;
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    resources.clear();
    if (failure != null) {
      throw failure;
    }
  }

  @Test
  void deliversAMessageAsWritten() {
    String topic = fixture.uniqueTopic("round-trip");
    Inbox inbox = Inbox.accepting();
    startConsumer(inbox, group("round-trip"), topic, UnaryOperator.identity());
    JsonNode payload =
        SharedData.parse(
            "{\"amount\": 12.5, \"note\": \"Grüße ✓ \\\"quoted\\\"\\n\","
                + " \"transaction_id\": 98765432109876543210, \"items\": [1, null, true]}");

    producer(topic).write("ord-000042", payload);

    awaitCount("messages handled", inbox::handledCount, 1);
    Message message = inbox.handled().get(0);
    assertThat(message.id()).isEqualTo("ord-000042");
    assertThat(SharedData.sameJson(payload, message.payload()))
        .as("payload %s equals %s", message.payload(), payload)
        .isTrue();
    assertThat(message.topic()).isEqualTo(topic);
    assertThat(message.attempt()).isEqualTo(1);
    assertThat(message.messageId()).isPresent();
    assertThat(message.position()).isNotBlank();
  }

  @Test
  void deliversEveryOrderOnceAndInSequencePerId() {
    List<Envelope> orders = SharedData.orders();
    String topic = fixture.uniqueTopic("orders");
    Map<String, List<JsonNode>> received = new ConcurrentHashMap<>();
    Inbox inbox = Inbox.behaving(m -> received.compute(m.id(), (id, seen) -> add(seen, m)));
    startConsumer(inbox, group("orders"), topic, settings -> settings.concurrency(8));

    writeAll(producer(topic), orders);

    awaitCount("orders handled", inbox::handledCount, orders.size());
    staysTrue(() -> inbox.handledCount() == orders.size());
    assertThat(sequenceBreaks(received)).as("ids whose seq broke").isEmpty();
    assertThat(payloadMismatches(orders, received)).as("ids whose payloads differ").isEmpty();
  }

  @Test
  void givesEveryGroupEveryMessage() {
    String topic = fixture.uniqueTopic("two-groups");
    Inbox billing = Inbox.accepting();
    Inbox shipping = Inbox.accepting();
    startConsumer(billing, group("billing"), topic, UnaryOperator.identity());
    startConsumer(shipping, group("shipping"), topic, UnaryOperator.identity());

    List<String> written = writeNumbered(topic, 60, 6);

    eventually()
        .untilAsserted(
            () -> assertThat(labels(billing)).containsExactlyInAnyOrderElementsOf(written));
    eventually()
        .untilAsserted(
            () -> assertThat(labels(shipping)).containsExactlyInAnyOrderElementsOf(written));
  }

  @Test
  void sharesTheMessagesOfAGroupBetweenItsMembers() {
    assumeSupported(fixture.capabilities().partitions(), "members of a group do not share records");
    String topic = fixture.uniqueTopic("two-members");
    String group = group("members");
    Inbox first = Inbox.accepting();
    Inbox second = Inbox.accepting();
    startConsumer(first, group, topic, UnaryOperator.identity());
    startConsumer(second, group, topic, UnaryOperator.identity());
    Producer producer = producer(topic);
    List<String> written = new ArrayList<>();

    // Members may take a while to join; messages keep coming until both have work.
    eventually()
        .until(
            () -> {
              writeDistinct(producer, written, 20);
              return first.handledCount() > 0 && second.handledCount() > 0;
            });

    eventually()
        .untilAsserted(
            () -> {
              Set<String> together = new HashSet<>(first.handledIds());
              together.addAll(second.handledIds());
              assertThat(together).containsAll(written);
            });
  }

  @Test
  void redeliversUnacknowledgedMessagesAfterAConsumerCloses() {
    String topic = fixture.uniqueTopic("redelivery");
    String group = group("redelivery");
    CountDownLatch never = new CountDownLatch(1);
    Inbox stuck = Inbox.behaving(m -> never.await(patience().toMillis(), TimeUnit.MILLISECONDS));
    Mom first =
        startConsumer(
            stuck,
            group,
            topic,
            settings -> settings.concurrency(4).shutdownTimeout(Duration.ofMillis(200)));
    resources.add(never::countDown);
    writeIds(topic, "red-a", "red-b", "red-c");
    awaitCount("messages started", () -> stuck.calls().size(), 3);

    closeWithinPatience(first);
    Inbox second = Inbox.accepting();
    startConsumer(second, group, topic, UnaryOperator.identity());

    eventually()
        .untilAsserted(() -> assertThat(second.handledIds()).contains("red-a", "red-b", "red-c"));
    assertThat(stuck.handledCount()).isZero();
  }

  @Test
  void retriesARecoverableFailureUntilItSucceeds() {
    String topic = fixture.uniqueTopic("retry");
    String deadLetterTopic = fixture.uniqueTopic("retry-dlq");
    RawReader deadLetters = deadLetters(deadLetterTopic);
    Inbox inbox = failingTheFirstTwoAttemptsOfSeqOne();
    startConsumer(
        inbox,
        group("retry"),
        topic,
        settings ->
            settings
                .retryMaxAttempts(5)
                .retryInitialBackoff(SHORT_BACKOFF)
                .deadLetterTopic(deadLetterTopic));

    writeNumbered(topic, 2, 1);

    awaitCount("messages handled", inbox::handledCount, 2);
    assertThat(inbox.calls()).extracting(Message::attempt).containsExactly(1, 2, 3, 1);
    assertThat(labels(inbox)).containsExactly("id-0#1", "id-0#2");
    assertThat(deadLetters.records()).isEmpty();
  }

  @Test
  void deadLettersAMessageWhoseRetriesAreExhausted() {
    String topic = fixture.uniqueTopic("exhausted");
    String deadLetterTopic = fixture.uniqueTopic("exhausted-dlq");
    String group = group("exhausted");
    RawReader deadLetters = deadLetters(deadLetterTopic);
    Inbox inbox =
        Inbox.behaving(
            m -> {
              throw new RecoverableException("database is down");
            });
    startConsumer(
        inbox,
        group,
        topic,
        settings ->
            settings
                .retryMaxAttempts(3)
                .retryInitialBackoff(SHORT_BACKOFF)
                .deadLetterTopic(deadLetterTopic));
    byte[] original = "{\"id\": \"pay-2\",  \"payload\": {\"amount\": 1.50}}".getBytes(UTF_8);
    Instant before = Instant.now();

    fixture.writeRaw(topic, "pay-2", original);

    awaitCount("dead letters", () -> deadLetters.records().size(), 1);
    Raw letter = deadLetters.records().get(0);
    assertThat(letter.value()).isEqualTo(original);
    assertThat(inbox.calls()).extracting(Message::attempt).containsExactly(1, 2, 3);
    assertThat(letter.headers())
        .containsEntry(ERROR_CLASS, RecoverableException.class.getName())
        .containsEntry(SOURCE_TOPIC, topic)
        .containsEntry(SOURCE_POSITION, inbox.calls().get(0).position())
        .containsEntry(GROUP, group)
        .containsEntry(ATTEMPTS, "3");
    assertThat(letter.headers().get(ERROR_MESSAGE)).contains("database is down");
    assertThat(Instant.parse(letter.headers().get(FAILED_AT))).isBetween(before, Instant.now());
  }

  @Test
  void deadLettersAnUnrecoverableFailureAndGoesOn() {
    String topic = fixture.uniqueTopic("unrecoverable");
    String deadLetterTopic = fixture.uniqueTopic("unrecoverable-dlq");
    RawReader deadLetters = deadLetters(deadLetterTopic);
    Inbox inbox =
        Inbox.behaving(
            m -> {
              if (seq(m) == 1) {
                throw new UnrecoverableException("no such customer");
              }
            });
    startConsumer(
        inbox,
        group("unrecoverable"),
        topic,
        settings ->
            settings
                .retryMaxAttempts(5)
                .retryInitialBackoff(SHORT_BACKOFF)
                .deadLetterTopic(deadLetterTopic));

    writeNumbered(topic, 2, 1);

    awaitCount("messages handled", inbox::handledCount, 1);
    awaitCount("dead letters", () -> deadLetters.records().size(), 1);
    assertThat(labels(inbox)).containsExactly("id-0#2");
    assertThat(inbox.calls()).extracting(TransportConformanceTest::seq).containsExactly(1, 2);
    assertThat(deadLetters.records().get(0).headers())
        .containsEntry(ERROR_CLASS, UnrecoverableException.class.getName())
        .containsEntry(ATTEMPTS, "1");
    assertThat(deadLetters.records().get(0).headers().get(ERROR_MESSAGE))
        .contains("no such customer");
  }

  @Test
  void deadLettersEveryPoisonRecordAndGoesOn() {
    String topic = fixture.uniqueTopic("poison");
    String deadLetterTopic = fixture.uniqueTopic("poison-dlq");
    RawReader deadLetters = deadLetters(deadLetterTopic);
    Inbox inbox = Inbox.accepting();
    startConsumer(
        inbox, group("poison"), topic, settings -> settings.deadLetterTopic(deadLetterTopic));
    Map<String, byte[]> poison = poisonCorpus();
    byte[] valid = "{\"id\": \"after-poison\", \"payload\": {\"ok\": true}}".getBytes(UTF_8);

    poison.values().forEach(value -> fixture.writeRaw(topic, "poison", value));
    fixture.writeRaw(topic, "poison", valid);

    eventually()
        .untilAsserted(
            () ->
                assertThat(notDeadLettered(poison, deadLetters.records()))
                    .as("poison records without a dead letter")
                    .isEmpty());
    eventually()
        .untilAsserted(
            () ->
                assertThat(inbox.handledIds())
                    .as("the valid message written after the poison")
                    .contains("after-poison"));
    assertThat(inbox.calls()).extracting(Message::id).containsExactly("after-poison");
    assertThat(deadLetters.records())
        .hasSize(poison.size())
        .allSatisfy(
            letter -> {
              assertThat(letter.headers())
                  .containsEntry(ERROR_CLASS, InvalidMessageException.class.getName());
              assertThat(letter.headers().get(ERROR_MESSAGE)).isNotBlank();
            });
  }

  @Test
  void deliversValidEdgeCasesIntact() {
    String topic = fixture.uniqueTopic("valid");
    Inbox inbox = Inbox.accepting();
    startConsumer(inbox, group("valid"), topic, UnaryOperator.identity());
    Map<String, JsonNode> expected = new LinkedHashMap<>();
    for (Path file : SharedData.files("valid")) {
      byte[] bytes = SharedData.bytes(file);
      JsonNode envelope = SharedData.parse(new String(bytes, UTF_8).replace("\uFEFF", ""));
      expected.put(envelope.get("id").asText(), envelope.get("payload"));
      fixture.writeRaw(topic, "valid", bytes);
    }

    awaitCount("messages handled", inbox::handledCount, expected.size());
    assertThat(inbox.handled())
        .allSatisfy(
            m ->
                assertThat(SharedData.sameJson(expected.get(m.id()), m.payload()))
                    .as("payload of %s: %s", m.id(), m.payload())
                    .isTrue());
    assertThat(inbox.handledIds()).containsExactlyInAnyOrderElementsOf(expected.keySet());
  }

  @Test
  void keepsTheOrderOfAnIdWhileItRetries() {
    String topic = fixture.uniqueTopic("order-while-retrying");
    Inbox inbox = failingTheFirstTwoAttemptsOfSeqOne();
    startConsumer(
        inbox,
        group("order-while-retrying"),
        topic,
        settings -> settings.concurrency(4).retryMaxAttempts(5).retryInitialBackoff(SHORT_BACKOFF));

    writeNumbered(topic, 5, 1);

    awaitCount("messages handled", inbox::handledCount, 5);
    assertThat(inbox.calls())
        .extracting(TransportConformanceTest::seq)
        .containsExactly(1, 1, 1, 2, 3, 4, 5);
  }

  @Test
  void deliversEverythingThroughASmallInFlightLimit() {
    String topic = fixture.uniqueTopic("small-in-flight");
    Inbox inbox = Inbox.accepting();
    startConsumer(
        inbox, group("small-in-flight"), topic, settings -> settings.maxInFlight(4).concurrency(2));

    List<String> written = writeNumbered(topic, 300, 30);

    awaitCount("messages handled", inbox::handledCount, written.size());
    assertThat(labels(inbox)).containsExactlyInAnyOrderElementsOf(written);
    assertThat(inSequencePerId(inbox)).as("every id in the order written").isTrue();
  }

  @Test
  void keepsOtherIdsMovingWhileOneIdRetries() {
    String topic = fixture.uniqueTopic("other-ids");
    int others = 20;
    CountDownLatch othersDone = new CountDownLatch(others);
    Inbox inbox =
        Inbox.behaving(
            m -> {
              if (!m.id().equals("stuck")) {
                othersDone.countDown();
              } else if (othersDone.getCount() > 0) {
                throw new RecoverableException("waiting for the others");
              }
            });
    startConsumer(
        inbox,
        group("other-ids"),
        topic,
        settings -> settings.concurrency(4).retryMaxAttempts(8).retryInitialBackoff(SHORT_BACKOFF));
    Producer producer = producer(topic);
    producer.write("stuck", seqPayload(1));
    awaitCount("attempts at the stuck id", () -> inbox.calls().size(), 1);

    List<String> written = new ArrayList<>();
    writeDistinct(producer, written, others);

    eventually()
        .untilAsserted(() -> assertThat(inbox.handledIds()).as("ids handled").contains("stuck"));
    assertThat(inbox.handledIds()).containsAll(written);
    assertThat(inbox.calls()).filteredOn(m -> m.id().equals("stuck")).hasSizeGreaterThan(1);
  }

  @Test
  void letsInFlightMessagesFinishOnClose() {
    String topic = fixture.uniqueTopic("graceful-close");
    String group = group("graceful-close");
    CountDownLatch gate = new CountDownLatch(1);
    Inbox slow = Inbox.behaving(m -> gate.await(patience().toMillis(), TimeUnit.MILLISECONDS));
    Mom first =
        startConsumer(
            slow, group, topic, settings -> settings.concurrency(4).shutdownTimeout(patience()));
    resources.add(gate::countDown);
    writeIds(topic, "slow-a", "slow-b", "slow-c");
    awaitCount("messages started", () -> slow.calls().size(), 3);

    CompletableFuture<Void> closing = CompletableFuture.runAsync(first::close);
    staysTrue(() -> !closing.isDone());
    gate.countDown();

    eventually().until(closing::isDone);
    assertThat(closing).isCompleted();
    assertThat(slow.handledIds()).containsExactlyInAnyOrder("slow-a", "slow-b", "slow-c");
    Inbox second = Inbox.accepting();
    startConsumer(second, group, topic, UnaryOperator.identity());
    writeIds(topic, "after-close");
    eventually()
        .untilAsserted(
            () -> assertThat(second.handledIds()).as("ids handled").contains("after-close"));
    assertThat(second.handledIds()).containsExactly("after-close");
  }

  /**
   * Skips the scenario unless the transport supports what it needs, printing why.
   *
   * @param supported whether the transport supports it
   * @param reason what the transport lacks
   */
  /** An inbox whose handler fails the message with {@code seq} 1 on its first two attempts. */
  private static Inbox failingTheFirstTwoAttemptsOfSeqOne() {
    return Inbox.behaving(
        m -> {
          if (seq(m) == 1 && m.attempt() < 3) {
            throw new RecoverableException("not yet, attempt " + m.attempt());
          }
        });
  }

  protected final void assumeSupported(boolean supported, String reason) {
    if (!supported) {
      System.out.println("[mom-tck] skipped " + scenario + ": " + reason);
    }
    Assumptions.assumeTrue(supported, reason);
  }

  private Mom startConsumer(
      Inbox inbox, String group, String topic, UnaryOperator<Mom.Builder> settings) {
    Mom mom = mom(settings);
    mom.register(inbox, group, topic);
    mom.start();
    return mom;
  }

  private Mom mom(UnaryOperator<Mom.Builder> settings) {
    Mom mom = settings.apply(fixture.newMom()).build();
    resources.add(mom);
    return mom;
  }

  private Producer producer(String topic) {
    return mom(UnaryOperator.identity()).producer(topic);
  }

  private RawReader deadLetters(String topic) {
    RawReader reader = RawReader.open(fixture.newTransport(), group("dlq-reader"), topic);
    resources.add(reader);
    return reader;
  }

  private void closeWithinPatience(Mom mom) {
    CompletableFuture<Void> closing = CompletableFuture.runAsync(mom::close);
    eventually().until(closing::isDone);
    closing.join();
  }

  private String group(String prefix) {
    return "tck-" + prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Waits until a count reaches at least the expected value; a timeout says what was seen. */
  private void awaitCount(String what, IntSupplier count, int expected) {
    eventually()
        .untilAsserted(
            () -> assertThat(count.getAsInt()).as(what).isGreaterThanOrEqualTo(expected));
  }

  private ConditionFactory eventually() {
    return await(scenario).atMost(patience()).pollInterval(Duration.ofMillis(20));
  }

  /** Checks that a condition holds for a while, to catch what arrives late (a repeat, say). */
  private void staysTrue(java.util.concurrent.Callable<Boolean> condition) {
    await(scenario)
        .during(QUIET_PERIOD)
        .atMost(QUIET_PERIOD.plus(patience()))
        .pollInterval(Duration.ofMillis(20))
        .until(condition);
  }

  private void writeAll(Producer producer, List<Envelope> envelopes) {
    // Writes in windows so that a slow broker is not handed the whole file at once.
    List<CompletableFuture<Void>> window = new ArrayList<>();
    for (Envelope envelope : envelopes) {
      window.add(producer.writeAsync(envelope.id(), envelope.payload()));
      if (window.size() == 500) {
        CompletableFuture.allOf(window.toArray(CompletableFuture[]::new)).join();
        window.clear();
      }
    }
    CompletableFuture.allOf(window.toArray(CompletableFuture[]::new)).join();
  }

  /** Writes messages over a few ids, payload {@code {"seq": n}} counting per id from 1. */
  private List<String> writeNumbered(String topic, int count, int ids) {
    Producer producer = producer(topic);
    Map<String, Integer> seqs = new LinkedHashMap<>();
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = "id-" + (i % ids);
      int seq = seqs.merge(id, 1, Integer::sum);
      producer.write(id, seqPayload(seq));
      labels.add(id + "#" + seq);
    }
    return labels;
  }

  private void writeIds(String topic, String... ids) {
    Producer producer = producer(topic);
    for (String id : ids) {
      producer.write(id, seqPayload(1));
    }
  }

  private static void writeDistinct(Producer producer, List<String> written, int count) {
    for (int i = 0; i < count; i++) {
      String id = "msg-" + written.size();
      producer.write(id, seqPayload(1));
      written.add(id);
    }
  }

  private static JsonNode seqPayload(int seq) {
    return SharedData.JSON.createObjectNode().put("seq", seq);
  }

  private static int seq(Message message) {
    return message.payload().path("seq").asInt();
  }

  private static List<String> labels(Inbox inbox) {
    return inbox.handled().stream().map(m -> m.id() + "#" + seq(m)).toList();
  }

  /** Returns whether each id's {@code seq} counted 1, 2, 3 … in the order handled. */
  private static boolean inSequencePerId(Inbox inbox) {
    Map<String, Integer> last = new LinkedHashMap<>();
    for (Message message : inbox.handled()) {
      int expected = last.getOrDefault(message.id(), 0) + 1;
      if (seq(message) != expected) {
        return false;
      }
      last.put(message.id(), expected);
    }
    return true;
  }

  private static List<JsonNode> add(List<JsonNode> seen, Message message) {
    List<JsonNode> list = seen == null ? new ArrayList<>() : seen;
    list.add(message.payload());
    return list;
  }

  /** Returns the ids whose payloads' {@code seq} do not count 1, 2, 3 …, with what was seen. */
  private static List<String> sequenceBreaks(Map<String, List<JsonNode>> received) {
    List<String> breaks = new ArrayList<>();
    received.forEach(
        (id, payloads) -> {
          List<Integer> seqs =
              payloads.stream().filter(p -> p.has("seq")).map(p -> p.get("seq").asInt()).toList();
          for (int i = 0; i < seqs.size(); i++) {
            if (seqs.get(i) != i + 1) {
              breaks.add(id + " " + seqs);
              break;
            }
          }
        });
    return breaks.subList(0, Math.min(breaks.size(), 10));
  }

  /** Returns the ids whose payloads arrived different from the file, or not at all. */
  private static List<String> payloadMismatches(
      List<Envelope> written, Map<String, List<JsonNode>> received) {
    Map<String, List<JsonNode>> expected = new LinkedHashMap<>();
    written.forEach(
        e -> expected.computeIfAbsent(e.id(), id -> new ArrayList<>()).add(e.payload()));
    List<String> mismatches = new ArrayList<>();
    expected.forEach(
        (id, payloads) -> {
          List<JsonNode> actual = received.getOrDefault(id, List.of());
          if (!samePayloads(payloads, actual)) {
            mismatches.add(id + ": expected " + payloads.size() + ", got " + actual);
          }
        });
    return mismatches.subList(0, Math.min(mismatches.size(), 10));
  }

  private static boolean samePayloads(List<JsonNode> expected, List<JsonNode> actual) {
    if (expected.size() != actual.size()) {
      return false;
    }
    for (int i = 0; i < expected.size(); i++) {
      if (!SharedData.sameJson(expected.get(i), actual.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** Returns the poison corpus the transport can carry, plus a tombstone where it can, by name. */
  private Map<String, byte[]> poisonCorpus() {
    Map<String, byte[]> corpus = new LinkedHashMap<>();
    for (Path file : SharedData.files("poison")) {
      byte[] bytes = SharedData.bytes(file);
      if (bytes.length == 0 && !fixture.capabilities().emptyValues()) {
        System.out.println(
            "[mom-tck] "
                + scenario
                + " leaves out "
                + file.getFileName()
                + ": the transport cannot carry an empty value");
        continue;
      }
      corpus.put(file.getFileName().toString(), bytes);
    }
    if (fixture.capabilities().nullValues()) {
      corpus.put("a tombstone", null);
    } else {
      System.out.println(
          "[mom-tck] "
              + scenario
              + " leaves out a tombstone: the transport cannot carry a record without value");
    }
    return corpus;
  }

  /** Returns the names of the poison records no dead letter carries the bytes of. */
  private static List<String> notDeadLettered(Map<String, byte[]> poison, List<Raw> letters) {
    List<String> values = new ArrayList<>(letters.stream().map(l -> base64(l.value())).toList());
    List<String> missing = new ArrayList<>();
    poison.forEach(
        (name, value) -> {
          if (!values.remove(base64(value))) {
            missing.add(name);
          }
        });
    return missing;
  }

  /** Encodes a value for comparison; a tombstone's dead letter has an empty value. */
  private static String base64(byte[] value) {
    return value == null ? "" : Base64.getEncoder().encodeToString(value);
  }
}
