package dev.mom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsageTest {

  @ParameterizedTest
  @ValueSource(strings = {"produce", "consume", "echo", "broker", "config", "demo"})
  void everyCommandExplainsItselfAndItsExitCodes(String command) {
    Cli.Result result = Cli.run(command, "--help");

    assertThat(result.exitCode()).isEqualTo(MomCli.OK);
    assertThat(result.out())
        .contains("Usage: mom " + command)
        .contains("--config")
        .contains("Exit codes:")
        .contains("3   configuration");
  }

  @Test
  void explainsConfigCheck() {
    Cli.Result result = Cli.run("config", "check", "--help");

    assertThat(result.exitCode()).isEqualTo(MomCli.OK);
    assertThat(result.out()).contains("Usage: mom config check");
  }

  @Test
  void asksForACommand() {
    Cli.Result result = Cli.run();

    assertThat(result.exitCode()).isEqualTo(MomCli.USAGE);
    assertThat(result.err()).contains("a command is required");
  }

  @Test
  void rejectsAnUnknownCommand() {
    Cli.Result result = Cli.run("publish", "orders");

    assertThat(result.exitCode()).isEqualTo(MomCli.USAGE);
    assertThat(result.err()).contains("publish");
  }

  @Test
  void acceptsGlobalOptionsAfterTheCommand() {
    Cli.Result result = Cli.run("config", "check", "--transport", "nosuch");

    assertThat(result.exitCode()).isEqualTo(MomCli.CONFIGURATION);
    assertThat(result.err()).contains("nosuch");
  }
}
