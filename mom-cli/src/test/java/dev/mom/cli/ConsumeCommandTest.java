package dev.mom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mom.transport.inmemory.InMemoryBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsumeCommandTest {
  private static final String FIRST =
      "{\"id\":\"ord-1\",\"event_type\":\"order.created\",\"payload\":{\"seq\":1}}";
  private static final String SECOND =
      "{\"id\":\"ord-1\",\"payload\":{\"seq\":2,\"note\":\"Позвоните 🚪\",\"amount\":2637.0}}";
  private static final String THIRD =
      "{\"id\":\"audit-1\",\"extra\":true,\"payload\":1000000000000000000000000000000}";

  @TempDir Path dir;
  private final String brokerName = "consume-" + UUID.randomUUID();

  @Test
  void printsEachMessageAsItsEnvelopeOnOneLine() throws Exception {
    Path config = Cli.inMemoryConfig(dir, brokerName);
    publish("orders", FIRST, SECOND, THIRD);

    Cli.Result result =
        Cli.run(
            "--config",
            config.toString(),
            "consume",
            "orders",
            "--group",
            "monitor",
            "--max-messages",
            "3");

    assertThat(result.exitCode()).isEqualTo(MomCli.OK);
    assertThat(result.out().lines()).containsExactlyInAnyOrder(FIRST, SECOND, THIRD);
    assertThat(result.err()).contains("consumed 3 messages from orders (group monitor)");
  }

  @Test
  void leavesMessagesPastTheMaximumForTheGroup() throws Exception {
    Path config = Cli.inMemoryConfig(dir, brokerName);
    publish("orders", FIRST, SECOND);

    Cli.Result first =
        Cli.run(
            "--config",
            config.toString(),
            "consume",
            "orders",
            "--group",
            "monitor",
            "--max-messages",
            "1");
    Cli.Result second =
        Cli.run(
            "--config",
            config.toString(),
            "consume",
            "orders",
            "--group",
            "monitor",
            "--max-messages",
            "1");

    assertThat(first.out().lines()).containsExactly(FIRST);
    assertThat(second.out().lines()).containsExactly(SECOND);
  }

  @Test
  void exitsWithFailureWhenTheTimeoutPassesBeforeTheMaximum() throws Exception {
    Path config = Cli.inMemoryConfig(dir, brokerName);
    publish("quiet", FIRST);

    Cli.Result result =
        Cli.run(
            "--config",
            config.toString(),
            "consume",
            "quiet",
            "--max-messages",
            "2",
            "--timeout",
            "2s");

    assertThat(result.exitCode()).isEqualTo(MomCli.FAILED);
    assertThat(result.out().lines()).containsExactly(FIRST);
  }

  @Test
  void readsFromKafkaWhatProduceWrote() {
    String topic = "consume-" + UUID.randomUUID();
    String bootstrap = SharedKafka.bootstrap();

    Cli.Result produced =
        Cli.run(
            "produce", topic, "ord-9", "{\"seq\": 1, \"name\": \"王芳\"}", "--bootstrap", bootstrap);
    Cli.Result consumed =
        Cli.run(
            "consume",
            topic,
            "--group",
            "monitor",
            "--from-beginning",
            "--max-messages",
            "1",
            "--timeout",
            "60s",
            "--bootstrap",
            bootstrap);

    assertThat(produced.exitCode()).isEqualTo(MomCli.OK);
    assertThat(consumed.exitCode()).isEqualTo(MomCli.OK);
    assertThat(consumed.out().lines())
        .singleElement()
        .asString()
        .startsWith("{\"id\":\"ord-9\",\"event_type\":\"\",\"version\":\"1.0\",\"timestamp\":")
        .endsWith("\"payload\":{\"seq\":1,\"name\":\"王芳\"}}");
  }

  @Test
  void refusesAMaximumBelowOne() {
    Cli.Result result = Cli.run("consume", "orders", "--max-messages", "0");

    assertThat(result.exitCode()).isEqualTo(MomCli.USAGE);
    assertThat(result.err()).contains("--max-messages must be at least 1");
  }

  private void publish(String topic, String... envelopes) {
    InMemoryBroker broker = InMemoryBroker.named(brokerName);
    for (String envelope : envelopes) {
      broker.publish(topic, "ord-1", envelope.getBytes(StandardCharsets.UTF_8), Map.of());
    }
  }
}
