package dev.mom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

  @Test
  void echoesGeneratedOrdersOnAnEmbeddedBrokerAndDeadLettersTheInvalidLines() {
    Cli.Result result = Cli.run("demo", "--orders", "200");

    assertThat(result.exitCode()).isEqualTo(MomCli.OK);
    assertThat(result.out())
        .contains("broker         127.0.0.1:")
        .contains("dead-lettered  10 to test.mom.consume.dead")
        .contains("invalid envelope: no `id`")
        .contains("invalid envelope: invalid UTF-8")
        .containsPattern("per-id order   verified: [0-9,]+ ids")
        .contains("messages/s")
        .contains("result         OK");
  }

  @Test
  void echoesTheLinesOfAGivenFile(@TempDir Path dir) throws Exception {
    Path input = dir.resolve("orders.jsonl");
    Files.writeString(
        input,
        "{\"id\": \"ord-1\", \"payload\": {\"seq\": 1}}\n"
            + "{\"id\": \"ord-1\"}\n"
            + "{\"id\": \"ord-1\", \"payload\": {\"seq\": 2,"
            + " \"big\": 123456789012345678901234567890}}\n"
            + "{\"id\": \"ord-2\", \"payload\": \"שלום\"}\n",
        StandardCharsets.UTF_8);

    Cli.Result result = Cli.run("demo", "--input", input.toString());

    assertThat(result.exitCode()).isEqualTo(MomCli.OK);
    assertThat(result.out())
        .contains("produced       3 envelopes to test.mom.consume, and 1 invalid lines as written")
        .contains("echoed         3 to test.mom.produce")
        .contains("line 2: invalid envelope: no `payload`")
        .contains("verified: 2 ids");
  }
}
