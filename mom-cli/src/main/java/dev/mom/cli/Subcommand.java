package dev.mom.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every command of {@code mom} shares: its output streams and the global options. */
abstract class Subcommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  /** Returns the top-level command, which holds the global options. */
  MomCli cli() {
    return spec.root().commandLine().getCommand();
  }

  /** Returns the settings the global options and the environment give. */
  CliSettings settings() {
    MomCli cli = cli();
    return CliSettings.load(cli.configFile(), cli.transport(), cli.bootstrap());
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** Reports a wrong command line: exit code 2, with the usage of this command. */
  CommandLine.ParameterException usage(String problem) {
    return new CommandLine.ParameterException(spec.commandLine(), problem);
  }
}
