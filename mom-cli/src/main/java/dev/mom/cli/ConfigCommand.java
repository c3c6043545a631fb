package dev.mom.cli;

import dev.mom.MomSettings;
import dev.mom.spi.Transport;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mom config}: commands about the configuration. */
@Command(
    name = "config",
    description = "Commands about the configuration.",
    subcommands = ConfigCommand.Check.class)
final class ConfigCommand extends Subcommand {

  @Override
  public Integer call() {
    throw usage("a subcommand is required: check");
  }

  /** {@code mom config check}: validates and prints the effective settings. */
  @Command(
      name = "check",
      description = {
        "Checks a configuration and prints the settings in effect.",
        "",
        "Checks as Mom does at start: the file, every key and value, and the transport it"
            + " chooses with that transport's own settings. Prints the settings in effect,"
            + " defaults included, secrets masked. Connects to no broker."
      })
  static final class Check extends Subcommand {

    @Parameters(
        index = "0",
        arity = "0..1",
        paramLabel = "FILE",
        description = "The INI file. Default: --config, else the file MOM_CONFIG_FILE names.")
    Path file;

    @Override
    public Integer call() {
      MomCli cli = cli();
      Path chosen = file != null ? file : cli.configFile();
      CliSettings settings = CliSettings.load(chosen, cli.transport(), cli.bootstrap());
      MomSettings resolved = settings.resolve();
      String transport;
      try (Transport opened = settings.openTransport()) {
        transport = opened.name();
      }

      out().println("configuration OK: " + resolved.source());
      out().println("transport = " + transport);
      resolved
          .effectiveSettings()
          .forEach(
              (key, value) -> {
                if (!key.equals("transport")) {
                  out().println(key + " = " + value);
                }
              });
      return MomCli.OK;
    }
  }
}
