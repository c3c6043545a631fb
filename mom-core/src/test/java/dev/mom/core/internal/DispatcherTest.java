package dev.mom.core.internal;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mom.api.Consumer;
import dev.mom.api.RecoverableException;
import dev.mom.api.UnrecoverableException;
import dev.mom.core.internal.ScriptedTransport.Delivered;
import dev.mom.spi.OutboundRecord;
import dev.mom.spi.SubscribeRequest;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DispatcherTest {
  private final ScriptedTransport transport = new ScriptedTransport();
  private final ExecutorService workers = Executors.newFixedThreadPool(4);
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final List<String> handled = new CopyOnWriteArrayList<>();

  @AfterEach
  void stopThreads() {
    workers.shutdownNow();
    scheduler.shutdownNow();
  }

  @Test
  void acknowledgesAfterTheHandlerReturns() {
    start(message -> handled.add(message.id()), 10, Optional.of("dead"));

    Delivered record = transport.deliver("a", envelope("a", 1));

    await().atMost(5, SECONDS).until(() -> record.acks.get() == 1);
    assertThat(handled).containsExactly("a");
    assertThat(transport.sent).isEmpty();
  }

  @Test
  void retriesARecoverableFailureAndAcknowledgesOnceItSucceeds() {
    AtomicInteger calls = new AtomicInteger();
    start(
        message -> {
          if (calls.incrementAndGet() < 3) {
            throw new RecoverableException("database down");
          }
        },
        10,
        Optional.of("dead"));

    Delivered record = transport.deliver("a", envelope("a", 1));

    await().atMost(5, SECONDS).until(() -> record.acks.get() == 1);
    assertThat(calls).hasValue(3);
    assertThat(transport.sent).isEmpty();
  }

  @Test
  void keepsTheOrderOfAnIdWhileItWaitsForARetryAndLetsOtherIdsGoOn() {
    AtomicInteger failures = new AtomicInteger();
    start(
        message -> {
          String seen = message.id() + "/" + message.payload().get("seq").asInt();
          if (seen.equals("a/1") && failures.incrementAndGet() <= 2) {
            throw new IllegalStateException("not yet");
          }
          handled.add(seen);
        },
        10,
        Optional.of("dead"));

    transport.deliver("a", envelope("a", 1));
    transport.deliver("a", envelope("a", 2));
    transport.deliver("b", envelope("b", 1));

    await().atMost(5, SECONDS).until(() -> handled.size() == 3);
    assertThat(handled).containsSubsequence("a/1", "a/2");
    assertThat(handled.get(0)).isEqualTo("b/1");
  }

  @Test
  void deadLettersAfterTheLastAttemptWithTheOriginalBytesAndTheFacts() {
    start(
        message -> {
          throw new RecoverableException("still down");
        },
        10,
        Optional.of("orders.dead"));
    String original = envelope("a", 1);

    Delivered record = transport.deliver("a", original);

    await().atMost(5, SECONDS).until(() -> record.acks.get() == 1);
    OutboundRecord dead = transport.sent.get(0);
    assertThat(dead.topic()).isEqualTo("orders.dead");
    assertThat(dead.key()).isEqualTo("a");
    assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo(original);
    assertThat(dead.headers())
        .containsEntry(DeadLetters.ERROR_CLASS, RecoverableException.class.getName())
        .containsEntry(DeadLetters.ERROR_MESSAGE, "still down")
        .containsEntry(DeadLetters.SOURCE_TOPIC, "orders")
        .containsEntry(DeadLetters.SOURCE_POSITION, "offset 0")
        .containsEntry(DeadLetters.GROUP, "billing")
        .containsEntry(DeadLetters.ATTEMPTS, "3")
        .containsEntry("trace", "t-0")
        .containsKey(DeadLetters.FAILED_AT);
  }

  @Test
  void deadLettersAnUnrecoverableFailureAtOnceAndGoesOn() {
    AtomicInteger calls = new AtomicInteger();
    start(
        message -> {
          calls.incrementAndGet();
          if (message.payload().get("seq").asInt() == 1) {
            throw new UnrecoverableException("no such customer");
          }
          handled.add(message.id());
        },
        10,
        Optional.of("dead"));

    Delivered first = transport.deliver("a", envelope("a", 1));
    Delivered second = transport.deliver("a", envelope("a", 2));

    await().atMost(5, SECONDS).until(() -> first.acks.get() == 1 && second.acks.get() == 1);
    assertThat(calls).hasValue(2);
    assertThat(transport.sent)
        .singleElement()
        .satisfies(dead -> assertThat(dead.headers()).containsEntry(DeadLetters.ATTEMPTS, "1"));
  }

  @Test
  void deadLettersBytesThatAreNotAnEnvelopeWithoutCallingTheHandler() {
    start(message -> handled.add(message.id()), 10, Optional.of("dead"));

    Delivered poison = transport.deliver(null, "hello world");
    Delivered tombstone = transport.deliver("k", null);
    Delivered good = transport.deliver("a", envelope("a", 1));

    await()
        .atMost(5, SECONDS)
        .until(() -> poison.acks.get() + tombstone.acks.get() + good.acks.get() == 3);
    assertThat(handled).containsExactly("a");
    assertThat(transport.sent).hasSize(2);
    assertThat(transport.sent)
        .allSatisfy(
            dead ->
                assertThat(dead.headers().get(DeadLetters.ERROR_CLASS))
                    .isEqualTo(dev.mom.api.InvalidMessageException.class.getName()));
    assertThat(transport.sent)
        .anySatisfy(
            dead -> assertThat(dead.headers()).containsEntry(DeadLetters.TOMBSTONE, "true"));
  }

  @Test
  void retriesAndDeadLettersAHandlerErrorAndKeepsTheLaneMoving() {
    start(
        message -> {
          if (message.payload().get("seq").asInt() == 1) {
            throw new StackOverflowError("recursion in the handler");
          }
          handled.add(message.id());
        },
        10,
        Optional.of("dead"));

    Delivered failing = transport.deliver("a", envelope("a", 1));
    Delivered next = transport.deliver("a", envelope("a", 2));

    await().atMost(5, SECONDS).until(() -> failing.acks.get() == 1 && next.acks.get() == 1);
    assertThat(handled).containsExactly("a");
    assertThat(transport.sent)
        .singleElement()
        .satisfies(
            dead ->
                assertThat(dead.headers())
                    .containsEntry(DeadLetters.ERROR_CLASS, StackOverflowError.class.getName())
                    .containsEntry(DeadLetters.ATTEMPTS, "3"));
  }

  @Test
  void keepsTheOriginalKeyOfADeadLetterEvenWhenThereWasNone() {
    start(message -> {}, 10, Optional.of("dead"));

    Delivered poison = transport.deliver(null, "not json");

    await().atMost(5, SECONDS).until(() -> poison.acks.get() == 1);
    assertThat(transport.sent).singleElement().satisfies(dead -> assertThat(dead.key()).isNull());
  }

  @Test
  void acknowledgesAndLogsAFailureWhenNoDeadLetterTopicIsSet() {
    start(
        message -> {
          throw new UnrecoverableException("bad order");
        },
        10,
        Optional.empty());

    Delivered record = transport.deliver("a", envelope("a", 1));

    await().atMost(5, SECONDS).until(() -> record.acks.get() == 1);
    assertThat(transport.sent).isEmpty();
  }

  @Test
  void keepsAFailedMessageUnacknowledgedUntilTheDeadLetterTopicTakesIt() {
    AtomicInteger refusals = new AtomicInteger();
    transport.onSend =
        record ->
            refusals.incrementAndGet() <= 2
                ? CompletableFuture.failedFuture(new IllegalStateException("broker away"))
                : CompletableFuture.completedFuture(null);
    start(
        message -> {
          throw new UnrecoverableException("bad order");
        },
        10,
        Optional.of("dead"));

    Delivered record = transport.deliver("a", envelope("a", 1));

    await().atMost(5, SECONDS).until(() -> record.acks.get() == 1);
    assertThat(transport.sent).hasSize(3);
  }

  @Test
  void pausesAtTheInFlightLimitAndResumesAtHalf() {
    CountDownLatch gate = new CountDownLatch(1);
    start(message -> gate.await(), 4, Optional.empty());

    for (int i = 0; i < 4; i++) {
      transport.deliver("k" + i, envelope("k" + i, 1));
    }
    assertThat(transport.pauses).hasValue(1);
    gate.countDown();

    await().atMost(5, SECONDS).until(() -> transport.resumes.get() == 1);
  }

  @Test
  void closeLetsRunningMessagesFinishAndGivesBackThoseWaitingForARetry() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    Dispatcher dispatcher =
        start(
            message -> {
              if (message.id().equals("slow")) {
                running.countDown();
                Thread.sleep(300);
                return;
              }
              throw new RecoverableException("later");
            },
            10,
            Optional.empty(),
            Duration.ofSeconds(60));
    Delivered waiting = transport.deliver("retry", envelope("retry", 1));
    Delivered slow = transport.deliver("slow", envelope("slow", 1));
    running.await();

    dispatcher.close(Instant.now().plusSeconds(5));

    assertThat(slow.acks).hasValue(1);
    assertThat(waiting.releases).hasValue(1);
    assertThat(waiting.acks).hasValue(0);
    assertThat(transport.subscriptionClosed).isTrue();
  }

  @Test
  void givesARecordBackWhenItsRetryCannotBeScheduledAnyMore() {
    start(
        message -> {
          throw new RecoverableException("down");
        },
        10,
        Optional.empty());
    scheduler.shutdownNow();

    Delivered record = transport.deliver("a", envelope("a", 1));

    await().atMost(5, SECONDS).until(record::settled);
    assertThat(record.releases).hasValue(1);
    assertThat(record.acks).hasValue(0);
  }

  @Test
  void doesNotHandleARecordWhosePartitionWasRevoked() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    start(
        message -> {
          gate.await();
          handled.add(message.id() + "/" + message.payload().get("seq"));
        },
        10,
        Optional.empty());
    Delivered first = transport.deliver("a", envelope("a", 1));
    Delivered second = transport.deliver("a", envelope("a", 2));

    second.revoked = true;
    gate.countDown();

    await().atMost(5, SECONDS).until(() -> first.settled() && second.settled());
    assertThat(handled).containsExactly("a/1");
    assertThat(second.releases).hasValue(1);
  }

  private Dispatcher start(Consumer consumer, int maxInFlight, Optional<String> deadLetterTopic) {
    return start(consumer, maxInFlight, deadLetterTopic, Duration.ofMillis(20));
  }

  private Dispatcher start(
      Consumer consumer, int maxInFlight, Optional<String> deadLetterTopic, Duration backoff) {
    RetryConfig config =
        RetryConfig.custom().maxAttempts(3).intervalFunction(IntervalFunction.of(backoff)).build();
    DeadLetters deadLetters =
        new DeadLetters(transport, "billing", deadLetterTopic, Clock.systemUTC());
    Dispatcher dispatcher =
        new Dispatcher(
            new Dispatcher.Parts(
                consumer,
                "billing",
                "orders",
                transport.name(),
                new EnvelopeCodec(),
                Retry.of("test", config),
                deadLetters,
                workers,
                scheduler,
                maxInFlight));
    dispatcher.attach(
        transport.subscribe(new SubscribeRequest("billing", "orders", maxInFlight), dispatcher));
    return dispatcher;
  }

  private static String envelope(String id, int seq) {
    return "{\"id\":\"" + id + "\",\"payload\":{\"seq\":" + seq + "}}";
  }
}
