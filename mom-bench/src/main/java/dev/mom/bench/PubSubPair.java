package dev.mom.bench;

import dev.mom.spi.TransportProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Pub/Sub on Google's emulator: a plain {@code Subscriber} against Mom. Runs only where both the
 * {@code pubsub} transport is on the class path and the emulator can be started or reached;
 * otherwise the pair is skipped with the reason.
 */
final class PubSubPair {
  static final String NAME = "pubsub";
  static final String TARGET = "Mom/raw >= 0.9";
  static final Path EMULATOR_JAR =
      Path.of(
          "/usr/lib/google-cloud-sdk/platform/pubsub-emulator/lib",
          "cloud-pubsub-emulator-0.8.20-all.jar");

  private PubSubPair() {}

  static PairResult run() {
    Optional<String> missing = missing();
    if (missing.isPresent()) {
      return PairResult.skipped(NAME, TARGET, missing.get());
    }
    return PairResult.skipped(NAME, TARGET, "the Pub/Sub pair is not built into this harness yet");
  }

  /** Returns why the pair cannot run here, if it cannot. */
  static Optional<String> missing() {
    boolean transport =
        ServiceLoader.load(TransportProvider.class).stream()
            .anyMatch(provider -> provider.get().name().equals("pubsub"));
    if (!transport) {
      return Optional.of("no `pubsub` transport on the class path");
    }
    String host = System.getenv("PUBSUB_EMULATOR_HOST");
    if ((host == null || host.isBlank()) && !Files.isRegularFile(EMULATOR_JAR)) {
      return Optional.of(
          "no Pub/Sub emulator: PUBSUB_EMULATOR_HOST unset, " + EMULATOR_JAR + " absent");
    }
    return Optional.empty();
  }
}
