package dev.mom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCheckTest {

  @TempDir Path dir;

  @Test
  void printsTheEffectiveSettingsWithSecretsMasked() throws Exception {
    Path file =
        write(
            "[DEFAULT]\nkafka-bootstrap-brokers = localhost:9092\nconcurrency = 4\n\n[kafka]\n"
                + "sasl.jaas.config = org.apache.kafka.common.security.plain.PlainLoginModule"
                + " required username=\"app\" password=\"hunter2\";\n"
                + "security.protocol = SASL_PLAINTEXT\nsasl.mechanism = PLAIN\n");

    Cli.Result result = Cli.run("config", "check", file.toString());

    assertThat(result.exitCode()).isEqualTo(MomCli.OK);
    assertThat(result.out())
        .contains("configuration OK: file " + file)
        .contains("transport = kafka")
        .contains("concurrency = 4")
        .contains("retry-max-attempts = 5")
        .contains("kafka-bootstrap-brokers = localhost:9092")
        .contains("kafka.sasl.jaas.config = ****")
        .doesNotContain("hunter2");
  }

  @Test
  void appliesTheGlobalOptionsOnTopOfTheFile() throws Exception {
    Path file = write("[DEFAULT]\nkafka-bootstrap-brokers = localhost:9092\n");

    Cli.Result result =
        Cli.run("--config", file.toString(), "--transport", "inmemory", "config", "check");

    assertThat(result.exitCode()).isEqualTo(MomCli.OK);
    assertThat(result.out())
        .contains("file " + file + " and the command line")
        .contains("transport = inmemory");
  }

  @Test
  void namesTheKeyTheValueAndTheFileOfABadSetting() throws Exception {
    Path file = write("[DEFAULT]\ntransport = inmemory\nconcurrency = lots\n");

    Cli.Result result = Cli.run("config", "check", file.toString());

    assertThat(result.exitCode()).isEqualTo(MomCli.CONFIGURATION);
    assertThat(result.err())
        .contains("mom: configuration error:")
        .contains(file.toString())
        .contains("concurrency = lots");
  }

  @Test
  void rejectsAnUnknownKey() throws Exception {
    Path file = write("[DEFAULT]\ntransport = inmemory\nconcurency = 4\n");

    Cli.Result result = Cli.run("config", "check", file.toString());

    assertThat(result.exitCode()).isEqualTo(MomCli.CONFIGURATION);
    assertThat(result.err()).contains("concurency");
  }

  @Test
  void asksForATransportWhenTheConfigurationNamesNone() throws Exception {
    Path file = write("[DEFAULT]\nconcurrency = 4\n");

    Cli.Result result = Cli.run("config", "check", file.toString());

    assertThat(result.exitCode()).isEqualTo(MomCli.CONFIGURATION);
    assertThat(result.err())
        .contains("transport is not set")
        .contains("kafka")
        .contains("inmemory");
  }

  @Test
  void failsWhenTheFileIsMissing() {
    Path missing = dir.resolve("nowhere.ini");

    Cli.Result result = Cli.run("config", "check", missing.toString());

    assertThat(result.exitCode()).isEqualTo(MomCli.CONFIGURATION);
    assertThat(result.err()).contains(missing.toString()).contains("no such file");
  }

  private Path write(String text) throws Exception {
    Path file = dir.resolve("mom.ini");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }
}
