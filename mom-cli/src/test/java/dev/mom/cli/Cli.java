package dev.mom.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;

/** Runs {@code mom} in this JVM, as a user would from a shell, and captures what it prints. */
final class Cli {

  /** What a command printed and how it exited. */
  record Result(int exitCode, String out, String err) {}

  private Cli() {}

  /** Runs a command to its end. */
  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = commandLine(out, err).execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  /** Starts a command that runs until stopped (echo, broker, consume) on its own thread. */
  static Running start(String... args) {
    return new Running(args);
  }

  /** Writes an INI file that picks an in-memory broker of its own, and returns its path. */
  static Path inMemoryConfig(Path dir, String brokerName) throws IOException {
    Path file = dir.resolve("mom-" + UUID.randomUUID() + ".ini");
    Files.writeString(
        file,
        "[DEFAULT]\ntransport = inmemory\n\n[inmemory]\nbroker = " + brokerName + "\n",
        StandardCharsets.UTF_8);
    return file;
  }

  private static CommandLine commandLine(StringWriter out, StringWriter err) {
    CommandLine commandLine = MomCli.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine;
  }

  /** A command running on its own thread; {@link #stop()} interrupts it as Ctrl-C would. */
  static final class Running {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final AtomicInteger exitCode = new AtomicInteger(-1);
    private final Thread thread;

    private Running(String[] args) {
      CommandLine commandLine = commandLine(out, err);
      thread = new Thread(() -> exitCode.set(commandLine.execute(args)), "mom-cli-test");
      thread.start();
    }

    String out() {
      return out.toString();
    }

    String err() {
      return err.toString();
    }

    boolean isRunning() {
      return thread.isAlive();
    }

    /** Stops the command and waits for its end. */
    Result stop() throws InterruptedException {
      thread.interrupt();
      thread.join(60_000);
      return new Result(exitCode.get(), out.toString(), err.toString());
    }

    /** Waits for the command to end by itself. */
    Result await() throws InterruptedException {
      thread.join(120_000);
      return new Result(exitCode.get(), out.toString(), err.toString());
    }
  }
}
