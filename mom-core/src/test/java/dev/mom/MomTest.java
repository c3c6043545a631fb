package dev.mom;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mom.api.ConfigurationException;
import dev.mom.api.MomException;
import dev.mom.api.Producer;
import dev.mom.core.internal.ScriptedTransport;
import dev.mom.core.internal.ScriptedTransport.Delivered;
import dev.mom.spi.OutboundRecord;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MomTest {
  private final ScriptedTransport transport = new ScriptedTransport();

  @Test
  void writesAnEnvelopeKeyedByItsIdWithAUniqueMessageId() throws Exception {
    try (Mom mom = Mom.builder().transport(transport).build()) {

      mom.producer("orders").write("ord-1", Map.of("seq", 1));
      mom.producer("orders").write("ord-1", Map.of("seq", 2));
    }

    assertThat(transport.sent).hasSize(2);
    OutboundRecord first = transport.sent.get(0);
    JsonNode envelope = new ObjectMapper().readTree(first.value());
    assertThat(first.topic()).isEqualTo("orders");
    assertThat(first.key()).isEqualTo("ord-1");
    assertThat(envelope.get("id").asText()).isEqualTo("ord-1");
    assertThat(envelope.get("payload").get("seq").asInt()).isEqualTo(1);
    assertThat(envelope.has("event_type") && envelope.has("version")).isTrue();
    assertThat(envelope.has("timestamp")).isTrue();
    assertThat(first.headers().get("mom-message-id"))
        .isNotBlank()
        .isNotEqualTo(transport.sent.get(1).headers().get("mom-message-id"));
  }

  @Test
  void failsAWriteTheBrokerRefusesAndKeepsTheProducerUsable() {
    AtomicInteger sends = new AtomicInteger();
    transport.onSend =
        record ->
            sends.incrementAndGet() == 1
                ? CompletableFuture.failedFuture(new IllegalStateException("record too large"))
                : CompletableFuture.completedFuture(null);
    try (Mom mom = Mom.builder().transport(transport).build()) {

      assertThatThrownBy(() -> mom.producer("orders").write("ord-1", "big"))
          .isInstanceOf(MomException.class)
          .hasMessageContaining("orders")
          .hasMessageContaining("record too large");
      mom.producer("orders").write("ord-2", "small");
    }

    assertThat(transport.sent).hasSize(2);
  }

  @Test
  void replacesAProducerTheCallerClosed() {
    try (Mom mom = Mom.builder().transport(transport).build()) {
      try (Producer producer = mom.producer("orders")) {
        producer.write("ord-1", 1);
      }

      mom.producer("orders").write("ord-2", 2);
    }

    assertThat(transport.sent).hasSize(2);
  }

  @Test
  void refusesADeadLetterTopicThatIsTheSourceTopicItself() {
    try (Mom mom = Mom.builder().transport(transport).deadLetterTopic("{topic}").build()) {

      assertThatThrownBy(() -> mom.register(message -> {}, "billing", "orders"))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("'orders' would be the topic itself");
    }
  }

  @Test
  void rejectsAnEmptyId() {
    try (Mom mom = Mom.builder().transport(transport).build()) {

      assertThatThrownBy(() -> mom.producer("orders").write("", 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("id");
    }
  }

  @Test
  void rejectsAKeyNobodyReadsEvenWithItsOwnTransport() {
    Mom.Builder builder = Mom.builder().transport(transport).set("concurrencyy", "4");

    assertThatThrownBy(builder::build)
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("concurrencyy");
  }

  @Test
  void runReturnsOnceClosedFromAnotherThread() throws Exception {
    Mom mom = Mom.builder().transport(transport).build();
    List<String> handled = new CopyOnWriteArrayList<>();
    mom.register(message -> handled.add(message.id()), "billing", "orders");
    Thread runner = new Thread(mom::run);

    runner.start();
    await().atMost(5, SECONDS).until(() -> deliverWhenSubscribed("a") != null);
    await().atMost(5, SECONDS).until(() -> handled.contains("a"));
    mom.close();
    runner.join(5_000);

    assertThat(runner.isAlive()).isFalse();
    assertThat(transport.subscriptionClosed).isTrue();
  }

  @Test
  void closesWhenTheRunningThreadIsInterruptedAndKeepsTheInterrupt() throws Exception {
    Mom mom = Mom.builder().transport(transport).build();
    mom.register(message -> {}, "billing", "orders");
    boolean[] interruptedAfterRun = new boolean[1];
    Thread runner =
        new Thread(
            () -> {
              mom.run();
              interruptedAfterRun[0] = Thread.currentThread().isInterrupted();
            });
    runner.start();
    await().atMost(5, SECONDS).until(() -> deliverWhenSubscribed("a") != null);

    runner.interrupt();
    runner.join(5_000);

    assertThat(runner.isAlive()).isFalse();
    assertThat(interruptedAfterRun[0]).isTrue();
    assertThat(transport.subscriptionClosed).isTrue();
    assertThatThrownBy(() -> mom.producer("orders")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void startsAConsumerRegisteredAfterStart() {
    try (Mom mom = Mom.builder().transport(transport).build()) {
      mom.start();
      List<String> handled = new CopyOnWriteArrayList<>();

      mom.register(message -> handled.add(message.id()), "billing", "orders");
      Delivered record = transport.deliver("a", "{\"id\":\"a\",\"payload\":1}");

      await().atMost(5, SECONDS).until(() -> record.acks.get() == 1);
      assertThat(handled).containsExactly("a");
    }
  }

  @Test
  void refusesWorkAfterCloseAndClosesOnlyOnce() {
    Mom mom = Mom.builder().transport(transport).build();

    mom.close();
    mom.close();

    assertThatThrownBy(() -> mom.producer("orders")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> mom.register(message -> {}, "g", "t"))
        .isInstanceOf(IllegalStateException.class);
  }

  private Delivered deliverWhenSubscribed(String id) {
    try {
      return transport.deliver(id, "{\"id\":\"" + id + "\",\"payload\":1}");
    } catch (NullPointerException notYetSubscribed) {
      return null;
    }
  }
}
