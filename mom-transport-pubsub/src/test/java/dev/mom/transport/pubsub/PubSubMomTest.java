package dev.mom.transport.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.mom.Mom;
import dev.mom.api.Message;
import dev.mom.api.RecoverableException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Mom on Pub/Sub, where Pub/Sub's ack deadline meets Mom's retries. */
class PubSubMomTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  /** Longer than the 10-second ack deadline of the subscriptions Mom creates. */
  private static final Duration LONG_BACKOFF = Duration.ofSeconds(12);

  private final List<Mom> moms = new CopyOnWriteArrayList<>();

  @AfterEach
  void closeMom() {
    moms.forEach(Mom::close);
  }

  @Test
  void doesNotDeliverAgainWhileAMessageWaitsLongerThanTheAckDeadlineForItsRetry() {
    PubSubFixture fixture = PubSubFixture.shared();
    String topic = fixture.uniqueTopic("long-retry");
    List<Integer> attempts = new CopyOnWriteArrayList<>();
    Mom consumer =
        start(
            fixture
                .newMom()
                .retryMaxAttempts(3)
                .retryInitialBackoff(LONG_BACKOFF)
                .retryMaxBackoff(LONG_BACKOFF)
                .set("retry-jitter", "0"));
    consumer.register(
        message -> {
          attempts.add(message.attempt());
          if (message.attempt() == 1) {
            throw new RecoverableException("try again later");
          }
        },
        "group-" + UUID.randomUUID(),
        topic);
    consumer.start();

    start(fixture.newMom()).producer(topic).write("ord-1", JsonNodeFactory.instance.objectNode());

    await().atMost(WAIT).until(() -> attempts.size() >= 2);
    await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> attempts.size() == 2);
    assertThat(attempts).containsExactly(1, 2);
  }

  @Test
  void keepsOtherIdsMovingWhileOneIdKeepsFailing() {
    PubSubFixture fixture = PubSubFixture.shared();
    String topic = fixture.uniqueTopic("failing-id");
    List<String> handled = new CopyOnWriteArrayList<>();
    Mom consumer =
        start(fixture.newMom().concurrency(4).retryMaxAttempts(1000).retryInitialBackoff(WAIT));
    consumer.register(
        (Message message) -> {
          if (message.id().equals("broken")) {
            throw new RecoverableException("always failing");
          }
          handled.add(message.id());
        },
        "group-" + UUID.randomUUID(),
        topic);
    consumer.start();
    Mom producer = start(fixture.newMom());

    producer.producer(topic).write("broken", JsonNodeFactory.instance.objectNode());
    for (int i = 0; i < 50; i++) {
      producer.producer(topic).write("ord-" + i, JsonNodeFactory.instance.objectNode());
    }

    await().atMost(WAIT).until(() -> handled.size() == 50);
    assertThat(handled).doesNotContain("broken");
  }

  private Mom start(Mom.Builder builder) {
    Mom mom = builder.build();
    moms.add(mom);
    return mom;
  }
}
