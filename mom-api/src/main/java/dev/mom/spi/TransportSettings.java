package dev.mom.spi;

import dev.mom.api.ConfigurationException;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration a {@link TransportProvider} builds its transport from: the top-level keys and
 * the sections of the INI file (or of the builder), with environment overrides applied.
 *
 * <p>Immutable; safe to keep.
 */
public interface TransportSettings {

  /**
   * Returns where the settings came from, for error messages: {@code "file /etc/mom.ini"} or {@code
   * "builder"}.
   */
  String source();

  /**
   * Returns a top-level setting.
   *
   * @param key the key, for example {@code kafka-bootstrap-brokers}
   * @return its value, trimmed; empty if not set
   */
  Optional<String> get(String key);

  /**
   * Returns the keys and values of a section, in file order, read-only.
   *
   * @param name the section name, for example {@code kafka.consumer}
   * @return the section; empty if the file has no such section
   */
  Map<String, String> section(String name);

  /**
   * Builds the error for a bad setting, naming the key, the value and the source. Values of keys
   * that look like secrets (passwords, JAAS configs, keys, tokens) are masked.
   *
   * @param key the key, prefixed by its section as {@code section.key} when in one
   * @param value the bad value, or {@code null} if missing
   * @param problem what is wrong, for example {@code "must be a positive number"}
   * @return the exception to throw
   */
  ConfigurationException invalid(String key, String value, String problem);
}
