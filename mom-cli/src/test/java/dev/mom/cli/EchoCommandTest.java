package dev.mom.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mom.transport.inmemory.InMemoryBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EchoCommandTest {

  @TempDir Path dir;

  @Test
  void copiesEveryMessageToTheOtherTopicUntilStopped() throws Exception {
    String brokerName = "echo-" + UUID.randomUUID();
    Path config = Cli.inMemoryConfig(dir, brokerName);
    InMemoryBroker broker = InMemoryBroker.named(brokerName);
    broker.publish("in", "ord-1", bytes("{\"id\":\"ord-1\",\"payload\":{\"seq\":1}}"), Map.of());
    broker.publish("in", "ord-1", bytes("{\"id\":\"ord-1\",\"payload\":{\"seq\":2}}"), Map.of());

    Cli.Running echo =
        Cli.start("--config", config.toString(), "echo", "--from", "in", "--to", "out");
    await().atMost(Duration.ofSeconds(30)).until(() -> broker.texts("out").size() == 2);
    Cli.Result result = echo.stop();

    assertThat(result.exitCode()).isEqualTo(MomCli.OK);
    assertThat(result.err())
        .contains("echoing in to out in group EchoGroup over inmemory")
        .contains("echo stopped");
    assertThat(broker.texts("out"))
        .satisfiesExactly(
            first -> assertThat(first).contains("\"payload\":{\"seq\":1}"),
            second -> assertThat(second).contains("\"payload\":{\"seq\":2}"));
  }

  @Test
  void echoesOnKafka() throws Exception {
    String bootstrap = SharedKafka.bootstrap();
    String from = "echo-in-" + UUID.randomUUID();
    String to = "echo-out-" + UUID.randomUUID();
    Cli.run("produce", from, "ord-1", "{\"seq\": 1}", "--bootstrap", bootstrap);

    Cli.Running echo =
        Cli.start(
            "echo", "--from", from, "--to", to, "--group", "echo-test", "--bootstrap", bootstrap);
    Cli.Result consumed =
        Cli.run(
            "consume",
            to,
            "--from-beginning",
            "--max-messages",
            "1",
            "--timeout",
            "60s",
            "--bootstrap",
            bootstrap);
    Cli.Result stopped = echo.stop();

    assertThat(consumed.exitCode()).isEqualTo(MomCli.OK);
    assertThat(consumed.out()).contains("\"id\":\"ord-1\"").contains("\"payload\":{\"seq\":1}");
    assertThat(stopped.exitCode()).as(stopped.err()).isEqualTo(MomCli.OK);
  }

  @Test
  void refusesToEchoATopicOntoItself() {
    Cli.Result result = Cli.run("echo", "--from", "loop", "--to", "loop");

    assertThat(result.exitCode()).isEqualTo(MomCli.USAGE);
    assertThat(result.err()).contains("--from and --to must differ");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
