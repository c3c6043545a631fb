package dev.mom.transport.kafka;

import dev.mom.api.ConfigurationException;
import dev.mom.spi.TransportSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Settings built in a test, as Mom's builder would hand them to the transport. */
final class TestSettings implements TransportSettings {

  private final Map<String, String> keys = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> sections = new LinkedHashMap<>();

  /** Returns settings that point at the shared test broker. */
  static TestSettings forBroker() {
    return new TestSettings().set(KafkaSettings.BOOTSTRAP, KafkaBroker.shared().bootstrapServers());
  }

  TestSettings set(String key, String value) {
    keys.put(key, value);
    return this;
  }

  TestSettings set(String section, String key, String value) {
    sections.computeIfAbsent(section, s -> new LinkedHashMap<>()).put(key, value);
    return this;
  }

  @Override
  public String source() {
    return "test";
  }

  @Override
  public Optional<String> get(String key) {
    return Optional.ofNullable(keys.get(key)).map(String::trim);
  }

  @Override
  public Map<String, String> section(String name) {
    return Map.copyOf(sections.getOrDefault(name, Map.of()));
  }

  @Override
  public ConfigurationException invalid(String key, String value, String problem) {
    return new ConfigurationException(key + " = " + value + " from test: " + problem);
  }
}
