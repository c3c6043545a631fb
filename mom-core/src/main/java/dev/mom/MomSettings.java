package dev.mom;

import dev.mom.api.ConfigurationException;
import dev.mom.spi.TransportSettings;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mom's configuration: the settings of an INI file, of the environment or of the builder, checked
 * and with defaults applied.
 *
 * <p><b>Sources.</b> {@link #fromEnvironment()} reads the INI file named by {@code MOM_CONFIG_FILE}
 * (or, for PyMom users, {@code PYMOM_CONFIG_FILE}); with neither variable set, the settings come
 * from environment variables and defaults alone. Environment variables override the file: {@code
 * MOM_<KEY>}, the key upper-cased with {@code -} as {@code _} ({@code MOM_CONCURRENCY}, {@code
 * MOM_KAFKA_BOOTSTRAP_BROKERS}). Other {@code MOM_*} variables are ignored, since other tools use
 * that prefix too. {@link #of} is the builder's path and reads no environment.
 *
 * <p><b>Checks.</b> Every value Mom reads is checked when the settings are made: a bad one fails at
 * once with a {@link ConfigurationException} saying {@code "<source>: <key> = <value>: <problem>"}.
 * Values of keys that hold secrets are shown as {@code ****}. Keys and sections Mom does not know
 * are checked later, against the transports found, by Mom's transport selection.
 *
 * <p><b>Threads.</b> Immutable and thread-safe.
 */
public final class MomSettings {

  private static final Logger LOG = LoggerFactory.getLogger(MomSettings.class);

  private static final String CONFIG_FILE = "MOM_CONFIG_FILE";
  private static final String PYMOM_CONFIG_FILE = "PYMOM_CONFIG_FILE";
  private static final String ENVIRONMENT_PREFIX = "MOM_";

  private static final Set<String> MOM_KEYS =
      Collections.unmodifiableSet(
          new LinkedHashSet<>(
              List.of(
                  "transport",
                  "concurrency",
                  "max-in-flight",
                  "retry-max-attempts",
                  "retry-initial-backoff",
                  "retry-multiplier",
                  "retry-max-backoff",
                  "retry-jitter",
                  "dead-letter-topic",
                  "shutdown-timeout",
                  "metrics-prefix",
                  "datadog-namespace",
                  "kafka-bootstrap-brokers",
                  "zookeeper-servers")));

  private static final int DEFAULT_CONCURRENCY = 16;
  private static final int DEFAULT_MAX_IN_FLIGHT = 10_000;
  private static final int DEFAULT_RETRY_MAX_ATTEMPTS = 5;
  private static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);
  private static final double DEFAULT_MULTIPLIER = 2.0;
  private static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
  private static final double DEFAULT_JITTER = 0.5;
  private static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
  private static final String DEFAULT_METRICS_PREFIX = "mom";

  private final String source;
  private final Map<String, Setting> topLevel;
  private final Map<String, String> environment;
  private final Map<String, Map<String, String>> sections;
  private final TransportSettings transportSettings = new View();

  private final String transport;
  private final int concurrency;
  private final int maxInFlight;
  private final int retryMaxAttempts;
  private final Duration retryInitialBackoff;
  private final double retryMultiplier;
  private final Duration retryMaxBackoff;
  private final double retryJitter;
  private final String deadLetterTopic;
  private final Duration shutdownTimeout;
  private final String metricsPrefix;

  /** A top-level value and where it came from, for error messages. */
  private record Setting(String value, String origin) {}

  private MomSettings(
      String source,
      Map<String, Setting> topLevel,
      Map<String, String> environment,
      Map<String, Map<String, String>> sections) {
    this.source = source;
    this.topLevel = Collections.unmodifiableMap(topLevel);
    this.environment = environment;
    this.sections = sections;

    transport = text("transport").map(name -> name.toLowerCase(Locale.ROOT)).orElse(null);
    concurrency = wholeNumber("concurrency", DEFAULT_CONCURRENCY);
    maxInFlight = wholeNumber("max-in-flight", DEFAULT_MAX_IN_FLIGHT);
    retryMaxAttempts = wholeNumber("retry-max-attempts", DEFAULT_RETRY_MAX_ATTEMPTS);
    retryInitialBackoff =
        duration(
            "retry-initial-backoff",
            DEFAULT_INITIAL_BACKOFF,
            d -> !d.isNegative() && !d.isZero(),
            "> 0");
    retryMultiplier = decimal("retry-multiplier", DEFAULT_MULTIPLIER, m -> m >= 1, "a number >= 1");
    retryMaxBackoff = maxBackoff();
    retryJitter =
        decimal("retry-jitter", DEFAULT_JITTER, j -> j >= 0 && j < 1, "a number >= 0 and < 1");
    deadLetterTopic = deadLetterTopic();
    shutdownTimeout =
        duration("shutdown-timeout", DEFAULT_SHUTDOWN_TIMEOUT, d -> !d.isNegative(), ">= 0");
    metricsPrefix =
        text("metrics-prefix").or(() -> text("datadog-namespace")).orElse(DEFAULT_METRICS_PREFIX);
    warnAboutZooKeeper();
  }

  /**
   * Reads the settings as the environment says: the INI file named by {@code MOM_CONFIG_FILE} or
   * {@code PYMOM_CONFIG_FILE} with {@code MOM_*} overrides, or the {@code MOM_*} variables alone.
   *
   * @return the settings
   * @throws ConfigurationException if the file is missing or malformed or a value is bad
   */
  public static MomSettings fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  static MomSettings fromEnvironment(Map<String, String> env) {
    Objects.requireNonNull(env, "env");
    String variable = isSet(env, CONFIG_FILE) ? CONFIG_FILE : PYMOM_CONFIG_FILE;
    if (!isSet(env, variable)) {
      return withEnvironment("environment", new LinkedHashMap<>(), Map.of(), env);
    }

    String name = env.get(variable).strip();
    try {
      return load(Path.of(name), variable, env);
    } catch (InvalidPathException e) {
      throw new ConfigurationException(variable + " = " + name + ": not a file name", e);
    }
  }

  /**
   * Reads the settings from an INI file, with {@code MOM_*} environment variables overriding its
   * values.
   *
   * @param file the INI file
   * @return the settings
   * @throws ConfigurationException if the file is missing or malformed or a value is bad
   */
  public static MomSettings fromFile(Path file) {
    return fromFile(file, System.getenv());
  }

  static MomSettings fromFile(Path file, Map<String, String> env) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(env, "env");
    return load(file, null, env);
  }

  /**
   * Makes settings from values given in code, as the builder does. No environment variable is read.
   * Sections named {@code DEFAULT} or {@code mom} add to the top-level keys.
   *
   * @param source where the values come from, for error messages, for example {@code "builder"}
   * @param topLevel the top-level keys (lower-cased here) and their values
   * @param sections the other sections, each with its keys (kept verbatim) and values
   * @return the settings
   * @throws ConfigurationException if a value is bad
   */
  public static MomSettings of(
      String source, Map<String, String> topLevel, Map<String, Map<String, String>> sections) {
    Objects.requireNonNull(source, "source");
    Map<String, Setting> keys = new LinkedHashMap<>();
    Map<String, Map<String, String>> others = new LinkedHashMap<>();
    topLevel.forEach((key, value) -> putTopLevel(keys, key, value, source));
    sections.forEach(
        (name, section) -> {
          if (IniFile.isTopLevel(name)) {
            section.forEach((key, value) -> putTopLevel(keys, key, value, source));
          } else {
            others.put(name, copy(section));
          }
        });
    return new MomSettings(source, keys, Map.of(), Collections.unmodifiableMap(others));
  }

  /** Returns the top-level keys Mom itself reads. */
  public static Set<String> momKeys() {
    return MOM_KEYS;
  }

  /** Returns where the settings came from: {@code "file /x/y.ini"}, {@code "environment"}, … */
  public String source() {
    return source;
  }

  /** Returns the transport named by {@code transport}, lower-cased, if set. */
  public Optional<String> transport() {
    return Optional.ofNullable(transport);
  }

  /** Returns how many messages of different ids are handled at once ({@code concurrency}). */
  public int concurrency() {
    return concurrency;
  }

  /** Returns how many messages Mom holds at most before it pauses fetching. */
  public int maxInFlight() {
    return maxInFlight;
  }

  /** Returns how many times a message is tried in all, the first attempt included. */
  public int retryMaxAttempts() {
    return retryMaxAttempts;
  }

  /** Returns the wait before the second attempt. */
  public Duration retryInitialBackoff() {
    return retryInitialBackoff;
  }

  /** Returns the factor each wait grows by. */
  public double retryMultiplier() {
    return retryMultiplier;
  }

  /** Returns the longest wait between attempts. */
  public Duration retryMaxBackoff() {
    return retryMaxBackoff;
  }

  /**
   * Returns how much each wait varies at random, as resilience4j's randomization factor: 0.5 makes
   * a 1 s wait anything from 0.5 s to 1.5 s.
   */
  public double retryJitter() {
    return retryJitter;
  }

  /**
   * Returns the dead-letter topic for a source topic, if one is configured.
   *
   * @param sourceTopic the topic the failed message was read from; replaces {@code {topic}}
   * @return the dead-letter topic, or empty to log failures instead
   */
  public Optional<String> deadLetterTopic(String sourceTopic) {
    Objects.requireNonNull(sourceTopic, "sourceTopic");
    return Optional.ofNullable(deadLetterTopic).map(t -> t.replace("{topic}", sourceTopic));
  }

  /** Returns how long closing waits for in-flight messages to finish. */
  public Duration shutdownTimeout() {
    return shutdownTimeout;
  }

  /** Returns the prefix of metric names: {@code metrics-prefix}, else {@code datadog-namespace}. */
  public String metricsPrefix() {
    return metricsPrefix;
  }

  /** Returns the view of these settings a transport provider builds its transport from. */
  public TransportSettings transportSettings() {
    return transportSettings;
  }

  /**
   * Returns the top-level keys set (by file, builder or a known environment variable), in order.
   */
  public Set<String> keys() {
    return topLevel.keySet();
  }

  /** Returns the names of the sections other than {@code [DEFAULT]} and {@code [mom]}, in order. */
  public Set<String> sections() {
    return sections.keySet();
  }

  /**
   * Returns every setting with the value in effect: Mom's keys with their defaults, the other
   * top-level keys, and each section key as {@code section.key}. Secrets are shown as {@code ****}.
   * Keys a transport reads only from the environment are not listed.
   *
   * @return the settings, read-only, in a stable order
   */
  public Map<String, String> effectiveSettings() {
    Map<String, String> all = new LinkedHashMap<>();
    transport().ifPresent(name -> all.put("transport", name));
    all.put("concurrency", Integer.toString(concurrency));
    all.put("max-in-flight", Integer.toString(maxInFlight));
    all.put("retry-max-attempts", Integer.toString(retryMaxAttempts));
    all.put("retry-initial-backoff", SettingValues.format(retryInitialBackoff));
    all.put("retry-multiplier", Double.toString(retryMultiplier));
    all.put("retry-max-backoff", SettingValues.format(retryMaxBackoff));
    all.put("retry-jitter", Double.toString(retryJitter));
    text("dead-letter-topic").ifPresent(topic -> all.put("dead-letter-topic", topic));
    all.put("shutdown-timeout", SettingValues.format(shutdownTimeout));
    all.put("metrics-prefix", metricsPrefix);

    topLevel.forEach((key, setting) -> all.putIfAbsent(key, setting.value()));
    sections.forEach(
        (name, section) -> section.forEach((key, value) -> all.put(name + "." + key, value)));
    all.replaceAll(SettingValues::shown);
    return Collections.unmodifiableMap(all);
  }

  /** Returns the source and the effective settings, secrets masked. */
  @Override
  public String toString() {
    return "MomSettings[" + source + ", " + effectiveSettings() + "]";
  }

  private static MomSettings load(Path file, String variable, Map<String, String> env) {
    String source = "file " + file;
    IniFile.Parsed parsed = IniFile.parse(source, readLines(file, variable, source));

    Map<String, Setting> keys = new LinkedHashMap<>();
    parsed.topLevel().forEach((key, value) -> keys.put(key, new Setting(value, source)));
    return withEnvironment(source, keys, parsed.sections(), env);
  }

  private static List<String> readLines(Path file, String variable, String source) {
    String where = variable == null ? source : source + " (named by " + variable + ")";
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (!lines.isEmpty() && lines.get(0).startsWith("\uFEFF")) {
        lines.set(0, lines.get(0).substring(1));
      }
      return lines;
    } catch (NoSuchFileException e) {
      throw new ConfigurationException(where + ": no such file", e);
    } catch (AccessDeniedException e) {
      throw new ConfigurationException(where + ": permission denied", e);
    } catch (MalformedInputException e) {
      throw new ConfigurationException(where + ": not UTF-8 text", e);
    } catch (IOException e) {
      throw new ConfigurationException(where + ": cannot read it: " + e, e);
    }
  }

  /**
   * Applies the {@code MOM_*} variables: they override the keys set, and add Mom's own keys. All of
   * them are kept, so that a transport may read a key of its own from the environment alone.
   */
  private static MomSettings withEnvironment(
      String source,
      Map<String, Setting> keys,
      Map<String, Map<String, String>> sections,
      Map<String, String> env) {
    Map<String, String> variables = new LinkedHashMap<>();
    env.forEach(
        (name, value) -> {
          // An empty variable counts as not set, as an empty value in the file does.
          if (name.startsWith(ENVIRONMENT_PREFIX)
              && !name.equals(CONFIG_FILE)
              && !value.isBlank()) {
            variables.put(name, value);
          }
        });

    keys.replaceAll((key, setting) -> fromVariable(variables, key).orElse(setting));
    for (String key : MOM_KEYS) {
      fromVariable(variables, key).ifPresent(setting -> keys.putIfAbsent(key, setting));
    }
    return new MomSettings(source, keys, Map.copyOf(variables), sections);
  }

  private static Optional<Setting> fromVariable(Map<String, String> variables, String key) {
    String name = variableName(key);
    String value = variables.get(name);
    return Optional.ofNullable(value)
        .map(v -> new Setting(v.strip(), "environment variable " + name));
  }

  /** Returns the environment variable that overrides a key: {@code MOM_MAX_IN_FLIGHT}. */
  static String variableName(String key) {
    return ENVIRONMENT_PREFIX + key.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
  }

  private static void putTopLevel(
      Map<String, Setting> keys, String key, String value, String source) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, () -> "value of " + key);
    keys.put(key.strip().toLowerCase(Locale.ROOT), new Setting(value.strip(), source));
  }

  private static Map<String, String> copy(Map<String, String> section) {
    Map<String, String> copy = new LinkedHashMap<>();
    section.forEach(
        (key, value) -> {
          Objects.requireNonNull(value, () -> "value of " + key);
          copy.put(key.strip(), value.strip());
        });
    return Collections.unmodifiableMap(copy);
  }

  private static boolean isSet(Map<String, String> env, String variable) {
    String value = env.get(variable);
    return value != null && !value.isBlank();
  }

  private Optional<Setting> setting(String key) {
    Setting setting = topLevel.get(key);
    return setting != null ? Optional.of(setting) : fromVariable(environment, key);
  }

  private String deadLetterTopic() {
    Optional<String> topic = text("dead-letter-topic");
    if (topic.isPresent() && topic.get().replace("{topic}", "").matches(".*[{}].*")) {
      throw invalid(
          "dead-letter-topic", topic.get(), "the only placeholder is {topic}, as in {topic}.dead");
    }
    return topic.orElse(null);
  }

  private Optional<String> text(String key) {
    return setting(key).map(Setting::value).filter(value -> !value.isBlank());
  }

  private int wholeNumber(String key, int fallback) {
    Optional<String> value = text(key);
    if (value.isEmpty()) {
      return fallback;
    }
    Integer number = SettingValues.wholeNumber(value.get());
    if (number == null || number < 1) {
      throw invalid(key, value.get(), "must be a whole number >= 1");
    }
    return number;
  }

  private double decimal(String key, double fallback, Predicate<Double> valid, String what) {
    Optional<String> value = text(key);
    if (value.isEmpty()) {
      return fallback;
    }
    Double number = SettingValues.decimal(value.get());
    if (number == null || !valid.test(number)) {
      throw invalid(key, value.get(), "must be " + what);
    }
    return number;
  }

  private Duration duration(String key, Duration fallback, Predicate<Duration> valid, String what) {
    Optional<String> value = text(key);
    if (value.isEmpty()) {
      return fallback;
    }
    Duration duration = SettingValues.duration(value.get());
    if (duration == null || !valid.test(duration)) {
      throw invalid(key, value.get(), "must be a duration " + what + " (500ms, 2s, 1m, PT0.5S)");
    }
    return duration;
  }

  /** The default grows with the initial backoff, so that setting only that one never fails. */
  private Duration maxBackoff() {
    Duration fallback =
        retryInitialBackoff.compareTo(DEFAULT_MAX_BACKOFF) > 0
            ? retryInitialBackoff
            : DEFAULT_MAX_BACKOFF;
    String least = "retry-initial-backoff, " + SettingValues.format(retryInitialBackoff);
    return duration(
        "retry-max-backoff", fallback, d -> d.compareTo(retryInitialBackoff) >= 0, ">= " + least);
  }

  private void warnAboutZooKeeper() {
    setting("zookeeper-servers")
        .ifPresent(
            setting ->
                LOG.warn(
                    "{}: zookeeper-servers is ignored: Kafka no longer uses ZooKeeper;"
                        + " Mom reaches Kafka through kafka-bootstrap-brokers",
                    setting.origin()));
  }

  private String origin(String key) {
    if (!topLevel.containsKey(key) && isInSection(key)) {
      return source;
    }
    return setting(key).map(Setting::origin).orElse(source);
  }

  private boolean isInSection(String key) {
    return sections.keySet().stream().anyMatch(name -> key.startsWith(name + "."));
  }

  private ConfigurationException invalid(String key, String value, String problem) {
    String shown = value == null ? "(not set)" : SettingValues.shown(key, value);
    return new ConfigurationException(origin(key) + ": " + key + " = " + shown + ": " + problem);
  }

  /** The view a transport provider gets: the same values, read by key and section. */
  private final class View implements TransportSettings {

    @Override
    public String source() {
      return source;
    }

    @Override
    public Optional<String> get(String key) {
      Objects.requireNonNull(key, "key");
      return text(key.toLowerCase(Locale.ROOT)).map(String::strip);
    }

    @Override
    public Map<String, String> section(String name) {
      Objects.requireNonNull(name, "name");
      return sections.getOrDefault(name, Map.of());
    }

    @Override
    public ConfigurationException invalid(String key, String value, String problem) {
      Objects.requireNonNull(key, "key");
      return MomSettings.this.invalid(key, value, problem);
    }

    @Override
    public String toString() {
      return MomSettings.this.toString();
    }
  }
}
