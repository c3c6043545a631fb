package dev.mom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mom.transport.inmemory.InMemoryBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProduceCommandTest {
  private static final String VALID_1 = "{\"id\": \"ord-1\", \"payload\": {\"seq\": 1}}";
  private static final String INVALID = "{\"payload\": {\"seq\": 2}}";
  private static final String VALID_2 =
      "{\"id\": \"ord-1\", \"event_type\": \"order.paid\", \"payload\": {\"seq\": 2,"
          + " \"transaction_id\": 18446744073709551617, \"amount\": 0.10}}";
  private static final String VALID_3 = "{\"id\": \"Заказ-🎁\", \"payload\": null}";

  @TempDir Path dir;
  private final String brokerName = "produce-" + UUID.randomUUID();

  @Test
  void writesOneMessageWithMomsProducer() throws Exception {
    Path config = Cli.inMemoryConfig(dir, brokerName);

    Cli.Result result =
        Cli.run("--config", config.toString(), "produce", "orders", "ord-7", "{\"seq\": 1}");

    assertThat(result.exitCode()).isEqualTo(MomCli.OK);
    assertThat(result.out()).contains("wrote ord-7 to orders");
    assertThat(InMemoryBroker.named(brokerName).texts("orders"))
        .singleElement()
        .asString()
        .contains("\"id\":\"ord-7\"")
        .contains("\"payload\":{\"seq\":1}");
  }

  @Test
  void takesAPayloadThatIsNotJsonAsAString() throws Exception {
    Path config = Cli.inMemoryConfig(dir, brokerName);

    Cli.Result result =
        Cli.run("produce", "notes", "n-1", "42 apples", "--config", config.toString());

    assertThat(result.exitCode()).isEqualTo(MomCli.OK);
    assertThat(InMemoryBroker.named(brokerName).texts("notes"))
        .singleElement()
        .asString()
        .contains("\"payload\":\"42 apples\"");
  }

  @Test
  void writesAFileAsWrittenReportingInvalidLinesAndSendingTheRest() throws Exception {
    Path config = Cli.inMemoryConfig(dir, brokerName);
    Path file = dir.resolve("orders.jsonl");
    Files.writeString(
        file,
        VALID_1 + "\n" + INVALID + "\n\n" + VALID_2 + "\r\n" + VALID_3,
        StandardCharsets.UTF_8);

    Cli.Result result =
        Cli.run("--config", config.toString(), "produce", "orders", "--file", file.toString());

    assertThat(result.exitCode()).isEqualTo(MomCli.FAILED);
    assertThat(result.err()).contains("line 2: invalid envelope: no `id`");
    assertThat(result.out()).contains("sent 3 of 4 lines to orders").contains("1 invalid lines");
    assertThat(InMemoryBroker.named(brokerName).texts("orders"))
        .containsExactly(VALID_1, VALID_2, VALID_3);
  }

  @Test
  void writesAFileOfValidLinesToKafka() throws Exception {
    Path file = dir.resolve("orders.jsonl");
    Files.writeString(file, VALID_1 + "\n" + VALID_2 + "\n", StandardCharsets.UTF_8);
    String topic = "produce-file-" + UUID.randomUUID();

    Cli.Result produced =
        Cli.run(
            "produce", topic, "--file", file.toString(), "--bootstrap", SharedKafka.bootstrap());
    Cli.Result consumed =
        Cli.run(
            "consume",
            topic,
            "--from-beginning",
            "--max-messages",
            "2",
            "--timeout",
            "60s",
            "--bootstrap",
            SharedKafka.bootstrap());

    assertThat(produced.exitCode()).isEqualTo(MomCli.OK);
    assertThat(produced.out()).contains("sent 2 of 2 lines to " + topic);
    assertThat(consumed.exitCode()).isEqualTo(MomCli.OK);
    assertThat(consumed.out().lines())
        .containsExactly(
            "{\"id\":\"ord-1\",\"payload\":{\"seq\":1}}",
            "{\"id\":\"ord-1\",\"event_type\":\"order.paid\",\"payload\":{\"seq\":2,"
                + "\"transaction_id\":18446744073709551617,\"amount\":0.10}}");
  }

  @Test
  void refusesAnIdTogetherWithAFile() {
    Cli.Result result = Cli.run("produce", "orders", "ord-1", "--file", "orders.jsonl");

    assertThat(result.exitCode()).isEqualTo(MomCli.USAGE);
    assertThat(result.err()).contains("give either ID and PAYLOAD or --file, not both");
  }

  @Test
  void failsWithAConfigurationErrorWhenTheFileIsMissing() {
    Path missing = dir.resolve("missing.ini");

    Cli.Result result = Cli.run("--config", missing.toString(), "produce", "orders", "a", "b");

    assertThat(result.exitCode()).isEqualTo(MomCli.CONFIGURATION);
    assertThat(result.err())
        .contains("mom: configuration error:")
        .contains(missing.toString())
        .contains("no such file");
  }

  @Test
  void reportsAMissingInputFile() throws Exception {
    Path config = Cli.inMemoryConfig(dir, brokerName);

    Cli.Result result =
        Cli.run(
            "--config",
            config.toString(),
            "produce",
            "orders",
            "--file",
            dir.resolve("nowhere.jsonl").toString());

    assertThat(result.exitCode()).isEqualTo(MomCli.FAILED);
    assertThat(result.err()).contains("no such file").contains("nowhere.jsonl");
  }
}
