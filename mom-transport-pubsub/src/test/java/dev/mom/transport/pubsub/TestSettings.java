package dev.mom.transport.pubsub;

import dev.mom.api.ConfigurationException;
import dev.mom.spi.TransportSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Settings built in a test: a {@code [pubsub]} section and nothing else. */
final class TestSettings implements TransportSettings {
  private final Map<String, String> pubsub = new LinkedHashMap<>();

  /** Returns settings for the emulator at {@code host}, with a project of its own. */
  static TestSettings emulator(String host) {
    return new TestSettings().with("emulator-host", host).with("project-id", "mom-test");
  }

  /** Sets a key of {@code [pubsub]}. */
  TestSettings with(String key, String value) {
    pubsub.put(key, value);
    return this;
  }

  @Override
  public String source() {
    return "test";
  }

  @Override
  public Optional<String> get(String key) {
    return Optional.empty();
  }

  @Override
  public Map<String, String> section(String name) {
    return "pubsub".equals(name) ? Map.copyOf(pubsub) : Map.of();
  }

  @Override
  public ConfigurationException invalid(String key, String value, String problem) {
    return new ConfigurationException(key + " = " + value + " (" + source() + "): " + problem);
  }
}
