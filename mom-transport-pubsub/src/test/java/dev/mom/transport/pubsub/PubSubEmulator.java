package dev.mom.transport.pubsub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Google's Pub/Sub emulator for tests: the one {@code PUBSUB_EMULATOR_HOST} names, or else one
 * started from the jar of the Debian package {@code google-cloud-cli-pubsub-emulator} with the Java
 * running the tests, once per test JVM, and stopped when the JVM exits. A jar that needs it gets
 * {@link EmulatorPatch}.
 *
 * <p>Where neither exists, {@link #host()} skips the calling test and prints one line saying why.
 */
final class PubSubEmulator {
  /** Where the Debian package puts the emulator; the system property overrides it. */
  static final Path PACKAGE_LIB = Path.of("/usr/lib/google-cloud-sdk/platform/pubsub-emulator/lib");

  static final String JAR_PROPERTY = "mom.pubsub.emulator.jar";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final String READY_LINE = "Server started, listening on";
  private static final String MAIN_CLASS = "com.google.cloud.pubsub.testing.v1.Main";

  private static Optional<String> host;
  private static String unavailable;

  private PubSubEmulator() {}

  /**
   * Returns {@code host:port} of a running emulator, starting it on first call; skips the test (an
   * assumption failure) if there is none.
   */
  static synchronized String host() {
    if (host == null) {
      host = locate();
      if (host.isEmpty()) {
        System.out.println("Pub/Sub tests SKIPPED: " + unavailable);
      }
    }
    Assumptions.assumeTrue(host.isPresent(), () -> "Pub/Sub tests skipped: " + unavailable);
    return host.get();
  }

  private static Optional<String> locate() {
    String fromEnv = System.getenv(PubSubConfig.EMULATOR_ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Optional.of(fromEnv.trim());
    }
    Optional<Path> jar = jar();
    if (jar.isEmpty()) {
      unavailable =
          "no Pub/Sub emulator: PUBSUB_EMULATOR_HOST is not set and "
              + PACKAGE_LIB
              + " has no cloud-pubsub-emulator jar (apt-get install"
              + " google-cloud-cli-pubsub-emulator)";
      return Optional.empty();
    }
    return Optional.of(start(jar.get()));
  }

  private static Optional<Path> jar() {
    String configured = System.getProperty(JAR_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured)).filter(Files::isRegularFile);
    }
    if (!Files.isDirectory(PACKAGE_LIB)) {
      return Optional.empty();
    }
    try (DirectoryStream<Path> jars =
        Files.newDirectoryStream(PACKAGE_LIB, "cloud-pubsub-emulator-*.jar")) {
      List<Path> found = new ArrayList<>();
      jars.forEach(found::add);
      return found.stream().sorted().reduce((first, second) -> second);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String start(Path jar) {
    int port = freePort();
    Path log = Path.of("target", "pubsub-emulator.log").toAbsolutePath();
    try {
      Files.createDirectories(log.getParent());
      Process process =
          new ProcessBuilder(
                  javaExecutable(),
                  "-Xmx256m",
                  "-cp",
                  EmulatorPatch.classPath(jar),
                  MAIN_CLASS,
                  "--host=localhost",
                  "--port=" + port)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process)));
      awaitReady(process, log);
      return "localhost:" + port;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the Pub/Sub emulator " + jar, e);
    }
  }

  private static void awaitReady(Process process, Path log) throws IOException {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the Pub/Sub emulator exited; see " + log);
      }
      if (Files.readString(log).contains(READY_LINE)) {
        return;
      }
      try {
        // Polls a file the emulator writes; no event to wait on.
        process.waitFor(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting the Pub/Sub emulator");
      }
    }
    stop(process);
    throw new IllegalStateException("the Pub/Sub emulator did not start in time; see " + log);
  }

  private static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException interrupted) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
