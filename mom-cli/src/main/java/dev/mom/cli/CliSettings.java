package dev.mom.cli;

import dev.mom.Mom;
import dev.mom.MomSettings;
import dev.mom.core.internal.TransportSelector;
import dev.mom.spi.Transport;
import dev.mom.spi.TransportProvider;
import dev.mom.spi.TransportSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The settings a command runs with: the configuration file (or the environment alone), then the
 * values the command line sets on top. Immutable: {@link #with} returns a new instance.
 */
final class CliSettings {
  /** Ignored by Mom with a warning; left out when settings are rebuilt, so it warns once. */
  private static final String ZOOKEEPER = "zookeeper-servers";

  private final MomSettings base;
  private final Map<String, String> keys;
  private final Map<String, Map<String, String>> sections;

  private CliSettings(
      MomSettings base, Map<String, String> keys, Map<String, Map<String, String>> sections) {
    this.base = base;
    this.keys = keys;
    this.sections = sections;
  }

  /**
   * Reads the configuration and applies the global options.
   *
   * @param file the file given by {@code --config}, or {@code null} for {@code MOM_CONFIG_FILE}
   * @param transport {@code --transport}, or {@code null}
   * @param bootstrap {@code --bootstrap}, or {@code null}
   * @throws dev.mom.api.ConfigurationException if the file is missing or a value is bad
   */
  static CliSettings load(Path file, String transport, String bootstrap) {
    MomSettings base = file != null ? MomSettings.fromFile(file) : MomSettings.fromEnvironment();
    CliSettings settings = new CliSettings(base, Map.of(), Map.of());
    if (transport != null) {
      settings = settings.with("transport", transport);
    }
    if (bootstrap != null) {
      settings = settings.with("kafka-bootstrap-brokers", bootstrap);
    }
    return settings;
  }

  /** Returns these settings with a top-level key set. */
  CliSettings with(String key, String value) {
    Map<String, String> more = new LinkedHashMap<>(keys);
    more.put(key, value);
    return new CliSettings(base, more, sections);
  }

  /** Returns these settings with a key of a section set, for example {@code kafka.consumer}. */
  CliSettings with(String section, String key, String value) {
    Map<String, Map<String, String>> more = new LinkedHashMap<>(sections);
    Map<String, String> entries = new LinkedHashMap<>(more.getOrDefault(section, Map.of()));
    entries.put(key, value);
    more.put(section, entries);
    return new CliSettings(base, keys, more);
  }

  /** Returns whether the configuration itself sets a key of a section. */
  boolean configures(String section, String key) {
    return base.transportSettings().section(section).containsKey(key);
  }

  /**
   * Returns the settings in effect.
   *
   * @throws dev.mom.api.ConfigurationException if a value set on the command line is bad
   */
  MomSettings resolve() {
    if (keys.isEmpty() && sections.isEmpty()) {
      return base;
    }
    TransportSettings view = base.transportSettings();
    Map<String, String> topLevel = new LinkedHashMap<>();
    for (String key : knownKeys()) {
      if (!key.equals(ZOOKEEPER)) {
        view.get(key).ifPresent(value -> topLevel.put(key, value));
      }
    }
    topLevel.putAll(keys);

    Map<String, Map<String, String>> allSections = new LinkedHashMap<>();
    base.sections().forEach(name -> allSections.put(name, new LinkedHashMap<>(view.section(name))));
    sections.forEach(
        (name, entries) ->
            allSections.computeIfAbsent(name, n -> new LinkedHashMap<>()).putAll(entries));
    return MomSettings.of(base.source() + " and the command line", topLevel, allSections);
  }

  /**
   * Builds Mom with these settings.
   *
   * @throws dev.mom.api.ConfigurationException if no transport fits or a setting is bad
   */
  Mom openMom() {
    return Mom.create(resolve());
  }

  /**
   * Opens the transport these settings choose, for commands that move records as they are.
   *
   * @throws dev.mom.api.ConfigurationException if no transport fits or a setting is bad
   */
  Transport openTransport() {
    return TransportSelector.open(resolve(), classLoader());
  }

  /**
   * The keys the file set, and those a transport or Mom reads that came from the environment alone:
   * a rebuilt configuration must keep both.
   */
  private Set<String> knownKeys() {
    Set<String> known = new LinkedHashSet<>(base.keys());
    known.addAll(MomSettings.momKeys());
    known.add("transport");
    for (TransportProvider provider : ServiceLoader.load(TransportProvider.class, classLoader())) {
      known.addAll(provider.keys());
    }
    return known;
  }

  private static ClassLoader classLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : CliSettings.class.getClassLoader();
  }
}
