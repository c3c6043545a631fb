package dev.mom.cli;

import dev.mom.api.ConfigurationException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code mom} command: produce, consume and echo messages, run a development broker, check a
 * configuration, and run the demo.
 *
 * <p>The transport is chosen as everywhere in Mom: from the INI file given by {@code --config} or
 * named by {@code MOM_CONFIG_FILE}, with {@code MOM_*} environment variables and then {@code
 * --transport} and {@code --bootstrap} on top.
 *
 * <p>{@link #commandLine()} gives the command for tests and embedding; {@link #main} runs it and
 * exits with its exit code.
 */
@Command(
    name = "mom",
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = MomCli.Version.class,
    description = "Produce, consume and echo Mom messages; run a development Kafka broker.",
    subcommands = {
      ProduceCommand.class,
      ConsumeCommand.class,
      EchoCommand.class,
      BrokerCommand.class,
      ConfigCommand.class,
      DemoCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done",
      "1:failed: a message lost or out of order, a line not sent, the broker failed",
      "2:usage: unknown command or option, or a missing argument",
      "3:configuration: a missing file, an unknown key or transport, a bad value"
    })
public final class MomCli implements Runnable {

  /** Exit code: the command did what it was asked. */
  public static final int OK = 0;

  /** Exit code: something was not done: a message lost, a line not sent, a broker error. */
  public static final int FAILED = 1;

  /** Exit code: the command line itself is wrong. */
  public static final int USAGE = 2;

  /** Exit code: the configuration is missing or wrong. */
  public static final int CONFIGURATION = 3;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description = "The INI configuration file. Default: the file MOM_CONFIG_FILE names.")
  Path config;

  @Option(
      names = "--transport",
      paramLabel = "NAME",
      scope = ScopeType.INHERIT,
      description =
          "The transport: kafka, pubsub, or inmemory (within this command only). Overrides the"
              + " configuration.")
  String transport;

  @Option(
      names = "--bootstrap",
      paramLabel = "HOST:PORT",
      scope = ScopeType.INHERIT,
      description = "The Kafka brokers, host:port separated by commas (kafka-bootstrap-brokers).")
  String bootstrap;

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Log what Mom and the broker do, and print stack traces of failures.")
  boolean verbose;

  @Spec CommandLine.Model.CommandSpec spec;

  MomCli() {}

  /**
   * Runs the command and exits the JVM with its exit code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    CommandLine commandLine = commandLine();
    commandLine.setOut(utf8(FileDescriptor.out));
    commandLine.setErr(utf8(FileDescriptor.err));
    System.exit(commandLine.execute(args));
  }

  /**
   * Builds the command, ready to {@link CommandLine#execute execute}. Output goes to {@link
   * CommandLine#getOut()} and {@link CommandLine#getErr()}, which the caller may replace.
   *
   * @return a new command line; not thread-safe, run one command at a time with it
   */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new MomCli());
    commandLine.setExecutionExceptionHandler(new Failures());
    commandLine.setExecutionStrategy(MomCli::execute);
    return commandLine;
  }

  /** Without a subcommand, shows the usage. */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "a command is required: produce, consume, echo, broker, config, demo");
  }

  Path configFile() {
    return config;
  }

  String transport() {
    return transport;
  }

  String bootstrap() {
    return bootstrap;
  }

  boolean verbose() {
    return verbose;
  }

  /** Applies --verbose before any logger exists, then runs the command the line names. */
  private static int execute(ParseResult parseResult) {
    MomCli cli = parseResult.commandSpec().commandLine().getCommand();
    if (cli.verbose) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
      System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
      System.setProperty("org.slf4j.simpleLogger.log.kafka", "warn");
    }
    return new CommandLine.RunLast().execute(parseResult);
  }

  private static PrintWriter utf8(FileDescriptor descriptor) {
    return new PrintWriter(
        new OutputStreamWriter(new FileOutputStream(descriptor), StandardCharsets.UTF_8), true);
  }

  /** Turns a failure into one line on stderr and an exit code; a stack trace with --verbose. */
  private static final class Failures implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(
        Exception failure, CommandLine commandLine, ParseResult parseResult) {
      MomCli cli = commandLine.getCommandSpec().root().commandLine().getCommand();
      PrintWriter err = commandLine.getErr();
      boolean configuration = failure instanceof ConfigurationException;
      err.println("mom: " + (configuration ? "configuration error: " : "") + describe(failure));
      if (cli.verbose) {
        failure.printStackTrace(err);
      }
      err.flush();
      return configuration ? CONFIGURATION : FAILED;
    }

    private static String describe(Throwable failure) {
      if (failure instanceof NoSuchFileException) {
        return "no such file: " + failure.getMessage();
      }
      String message = failure.getMessage();
      return message == null || message.isBlank() ? failure.getClass().getName() : message;
    }
  }

  /** Reads the version from the jar's manifest, when there is one. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = MomCli.class.getPackage().getImplementationVersion();
      return new String[] {"mom " + (version == null ? "(development build)" : version)};
    }
  }
}
