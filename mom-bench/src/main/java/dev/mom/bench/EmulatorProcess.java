package dev.mom.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Google's Pub/Sub emulator for the {@code pubsub} pair: the one {@code PUBSUB_EMULATOR_HOST}
 * names, or else the emulator jar started as a child process on a free port, its output in a
 * temporary log file. The pair subscribes once to each subscription and never restarts a stream, so
 * the jar's fault on cancelled streaming pulls (see docs/transports-pubsub.md) does not matter here
 * and the jar runs as shipped. Not thread-safe.
 */
final class EmulatorProcess implements AutoCloseable {
  /** Where the Debian package {@code google-cloud-cli-pubsub-emulator} puts the jar. */
  static final Path JAR =
      Path.of(
          "/usr/lib/google-cloud-sdk/platform/pubsub-emulator/lib",
          "cloud-pubsub-emulator-0.8.20-all.jar");

  static final String HOST_ENV = "PUBSUB_EMULATOR_HOST";
  private static final String MAIN_CLASS = "com.google.cloud.pubsub.testing.v1.Main";
  private static final String READY = "Server started, listening on";
  private static final long START_MILLIS = 60_000;

  private final Process process;
  private final String host;

  private EmulatorProcess(Process process, String host) {
    this.process = process;
    this.host = host;
  }

  /** Returns why no emulator can be had here, if none can. */
  static Optional<String> missing() {
    if (hostFromEnv().isPresent() || Files.isRegularFile(JAR)) {
      return Optional.empty();
    }
    return Optional.of("no Pub/Sub emulator: " + HOST_ENV + " unset and " + JAR + " absent");
  }

  /**
   * Returns the emulator {@code PUBSUB_EMULATOR_HOST} names, or starts the jar and waits until it
   * listens. Blocks up to a minute.
   *
   * @throws IllegalStateException if the jar exits or does not start in time
   * @throws UncheckedIOException if it cannot be started
   */
  static EmulatorProcess start() {
    Optional<String> fromEnv = hostFromEnv();
    if (fromEnv.isPresent()) {
      return new EmulatorProcess(null, fromEnv.get());
    }
    int port = freePort();
    try {
      Path log = Files.createTempFile("mom-bench-pubsub-emulator", ".log");
      Process process =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx512m",
                  "-cp",
                  JAR.toString(),
                  MAIN_CLASS,
                  "--host=localhost",
                  "--port=" + port)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      EmulatorProcess emulator = new EmulatorProcess(process, "localhost:" + port);
      emulator.awaitReady(log);
      return emulator;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the Pub/Sub emulator " + JAR, e);
    }
  }

  /** Returns {@code host:port} of the emulator. */
  String host() {
    return host;
  }

  /** Returns whether this process started the emulator (rather than finding one running). */
  boolean started() {
    return process != null;
  }

  private void awaitReady(Path log) throws IOException {
    long deadline = System.currentTimeMillis() + START_MILLIS;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the Pub/Sub emulator exited; see " + log);
      }
      if (Files.readString(log).contains(READY)) {
        return;
      }
      try {
        // The emulator only says it is ready in its log; there is no event to wait on.
        process.waitFor(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        throw new IllegalStateException("interrupted while starting the Pub/Sub emulator", e);
      }
    }
    close();
    throw new IllegalStateException("the Pub/Sub emulator did not start in time; see " + log);
  }

  /** Stops the emulator if this process started it: asks, waits a little, then kills it. */
  @Override
  public void close() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static Optional<String> hostFromEnv() {
    String host = System.getenv(HOST_ENV);
    return host == null || host.isBlank() ? Optional.empty() : Optional.of(host.trim());
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
