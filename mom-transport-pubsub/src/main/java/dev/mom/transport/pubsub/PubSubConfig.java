package dev.mom.transport.pubsub;

import dev.mom.spi.TransportSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checked settings of the {@code [pubsub]} section.
 *
 * @param projectId the Google Cloud project that holds the topics and subscriptions
 * @param credentialsFile a service-account key file, or empty for Application Default Credentials
 * @param emulatorHost {@code host:port} of the Pub/Sub emulator, or empty for Google's service
 * @param createTopics whether missing topics are created on first use
 * @param createSubscriptions whether missing subscriptions are created on subscribe
 * @param parallelPull how many streaming pulls each subscription opens
 * @param subscriptionName the subscription name rule, with {@code {topic}} and {@code {group}}
 * @param maxAckExtension how long the client keeps extending the ack deadline of one message
 * @param publishTimeout how long a publish may take, retries included, before it fails
 */
record PubSubConfig(
    String projectId,
    Optional<Path> credentialsFile,
    Optional<String> emulatorHost,
    boolean createTopics,
    boolean createSubscriptions,
    int parallelPull,
    String subscriptionName,
    Duration maxAckExtension,
    Duration publishTimeout) {

  /** The section this transport reads. */
  static final String SECTION = "pubsub";

  /** The environment variable Google's tools set to point clients at the emulator. */
  static final String EMULATOR_ENV = "PUBSUB_EMULATOR_HOST";

  /** The environment variable Google's tools read the default project from. */
  static final String PROJECT_ENV = "GOOGLE_CLOUD_PROJECT";

  /**
   * Streams per subscription unless configured. Measured on the emulator, a subscriber takes about
   * 2,000 messages a second from one stream and grows almost in step with the streams up to eight
   * (13,000-14,000 a second); each stream costs one thread.
   */
  static final int DEFAULT_PARALLEL_PULL = 8;

  static final String DEFAULT_SUBSCRIPTION_NAME = "{topic}.{group}";
  static final Duration DEFAULT_MAX_ACK_EXTENSION = Duration.ofHours(1);
  static final Duration DEFAULT_PUBLISH_TIMEOUT = Duration.ofSeconds(60);

  /** The project used with the emulator when none is configured; the emulator accepts any. */
  static final String EMULATOR_PROJECT = "mom-local";

  private static final Pattern SIMPLE_DURATION =
      Pattern.compile("(\\d+)\\s*(ms|s|m|h)", Pattern.CASE_INSENSITIVE);

  private static final Set<String> KEYS =
      Set.of(
          "project-id",
          "credentials-file",
          "emulator-host",
          "create-topics",
          "create-subscriptions",
          "parallel-pull",
          "subscription-name",
          "max-ack-extension",
          "publish-timeout");

  /**
   * Reads and checks the {@code [pubsub]} section.
   *
   * @param settings Mom's settings
   * @param env reads an environment variable, {@code null} when unset
   * @return the checked settings
   * @throws dev.mom.api.ConfigurationException naming the key, the value and the source
   */
  static PubSubConfig from(TransportSettings settings, UnaryOperator<String> env) {
    Reader reader = new Reader(settings, settings.section(SECTION));
    reader.rejectUnknownKeys();

    Optional<String> emulatorHost =
        reader.text("emulator-host").or(() -> nonBlank(env.apply(EMULATOR_ENV)));
    boolean emulator = emulatorHost.isPresent();
    String projectId = reader.projectId(emulator, env);
    Optional<Path> credentialsFile = reader.credentialsFile();

    return new PubSubConfig(
        projectId,
        credentialsFile,
        emulatorHost,
        reader.flag("create-topics", emulator),
        reader.flag("create-subscriptions", emulator),
        reader.positive("parallel-pull", DEFAULT_PARALLEL_PULL),
        reader.subscriptionName(),
        reader.duration("max-ack-extension", DEFAULT_MAX_ACK_EXTENSION),
        reader.duration("publish-timeout", DEFAULT_PUBLISH_TIMEOUT));
  }

  /** Reads {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, as Mom's other keys, or ISO-8601. */
  static Optional<Duration> parseDuration(String text) {
    Matcher simple = SIMPLE_DURATION.matcher(text);
    try {
      if (simple.matches()) {
        long amount = Long.parseLong(simple.group(1));
        return Optional.of(Duration.of(amount, unit(simple.group(2))));
      }
      return Optional.of(Duration.parse(text));
    } catch (ArithmeticException | NumberFormatException | DateTimeParseException bad) {
      return Optional.empty();
    }
  }

  private static ChronoUnit unit(String suffix) {
    return switch (suffix.toLowerCase(Locale.ROOT)) {
      case "ms" -> ChronoUnit.MILLIS;
      case "s" -> ChronoUnit.SECONDS;
      case "m" -> ChronoUnit.MINUTES;
      default -> ChronoUnit.HOURS;
    };
  }

  private static Optional<String> nonBlank(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  /** Reads one key at a time and builds errors that name it. */
  private record Reader(TransportSettings settings, Map<String, String> section) {

    void rejectUnknownKeys() {
      for (String key : section.keySet()) {
        if (!KEYS.contains(key)) {
          throw settings.invalid(
              SECTION + "." + key, section.get(key), "is not a key of [pubsub]; known: " + KEYS);
        }
      }
    }

    Optional<String> text(String key) {
      return nonBlank(section.get(key));
    }

    String projectId(boolean emulator, UnaryOperator<String> env) {
      Optional<String> project = text("project-id").or(() -> nonBlank(env.apply(PROJECT_ENV)));
      if (project.isPresent()) {
        return project.get();
      }
      if (emulator) {
        return EMULATOR_PROJECT;
      }
      throw settings.invalid(
          SECTION + ".project-id", null, "is required (or set " + PROJECT_ENV + ")");
    }

    Optional<Path> credentialsFile() {
      Optional<Path> file = text("credentials-file").map(Path::of);
      if (file.isPresent() && !Files.isReadable(file.get())) {
        throw settings.invalid(
            SECTION + ".credentials-file", file.get().toString(), "is not a readable file");
      }
      return file;
    }

    boolean flag(String key, boolean fallback) {
      Optional<String> value = text(key);
      if (value.isEmpty()) {
        return fallback;
      }
      switch (value.get().toLowerCase(Locale.ROOT)) {
        case "true", "yes", "on", "1":
          return true;
        case "false", "no", "off", "0":
          return false;
        default:
          throw settings.invalid(SECTION + "." + key, value.get(), "must be true or false");
      }
    }

    int positive(String key, int fallback) {
      Optional<String> value = text(key);
      if (value.isEmpty()) {
        return fallback;
      }
      try {
        int number = Integer.parseInt(value.get());
        if (number >= 1) {
          return number;
        }
      } catch (NumberFormatException notANumber) {
        // Reported below with the other bad values.
      }
      throw settings.invalid(SECTION + "." + key, value.get(), "must be a positive whole number");
    }

    Duration duration(String key, Duration fallback) {
      Optional<String> value = text(key);
      if (value.isEmpty()) {
        return fallback;
      }
      Optional<Duration> duration = parseDuration(value.get());
      if (duration.isPresent() && !duration.get().isNegative() && !duration.get().isZero()) {
        return duration.get();
      }
      throw settings.invalid(
          SECTION + "." + key, value.get(), "must be a positive duration (500ms, 30s, 1h, PT1H)");
    }

    String subscriptionName() {
      String rule = text("subscription-name").orElse(DEFAULT_SUBSCRIPTION_NAME);
      if (!rule.contains("{group}")) {
        throw settings.invalid(
            SECTION + ".subscription-name",
            rule,
            "must contain {group}, so that each consumer group gets its own subscription");
      }
      return rule;
    }
  }
}
