package dev.mom.transport.inmemory;

import dev.mom.api.ConfigurationException;
import dev.mom.spi.TransportSettings;
import java.util.Map;
import java.util.Optional;

/** Settings with one {@code [inmemory]} section, as Mom's configuration would hand them over. */
record TestSettings(Map<String, String> inmemory) implements TransportSettings {

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
    return name.equals("inmemory") ? inmemory : Map.of();
  }

  @Override
  public ConfigurationException invalid(String key, String value, String problem) {
    return new ConfigurationException(key + " = " + value + " (" + source() + "): " + problem);
  }
}
