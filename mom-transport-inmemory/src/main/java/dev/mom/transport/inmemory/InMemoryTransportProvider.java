package dev.mom.transport.inmemory;

import dev.mom.spi.Transport;
import dev.mom.spi.TransportProvider;
import dev.mom.spi.TransportSettings;
import java.util.Map;
import java.util.Set;

/**
 * Provides the {@code inmemory} transport, found by {@link java.util.ServiceLoader}.
 *
 * <p>Reads the {@code [inmemory]} section:
 *
 * <ul>
 *   <li>{@code broker}: the name of the shared {@link InMemoryBroker} to use, {@code default} if
 *       absent. Every {@code Mom} configured with the same name in one JVM talks to one broker.
 *   <li>{@code partitions}: partitions per topic, 1 to 1024, 4 if absent.
 *   <li>{@code max-topic-size}: records a topic holds at most, 1,000,000 if absent.
 * </ul>
 *
 * <p>The limits take effect when the named broker is first created; naming an existing broker with
 * other limits is a configuration error.
 */
public final class InMemoryTransportProvider implements TransportProvider {

  /** The transport's name, as given in the {@code transport} setting. */
  public static final String NAME = "inmemory";

  private static final String BROKER = "broker";
  private static final String PARTITIONS = "partitions";
  private static final String MAX_TOPIC_SIZE = "max-topic-size";
  private static final Set<String> KEYS = Set.of(BROKER, PARTITIONS, MAX_TOPIC_SIZE);

  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public InMemoryTransportProvider() {}

  /** Returns {@code inmemory}. */
  @Override
  public String name() {
    return NAME;
  }

  /** Returns the one section read, {@code inmemory}. */
  @Override
  public Set<String> sections() {
    return Set.of(NAME);
  }

  /**
   * Returns a transport over the named broker, creating the broker on first use.
   *
   * @throws dev.mom.api.ConfigurationException if a key of {@code [inmemory]} is unknown or bad, or
   *     the named broker exists with other limits
   */
  @Override
  public Transport create(TransportSettings settings) {
    Map<String, String> section = settings.section(NAME);
    checkKeys(settings, section);
    String broker = brokerName(settings, section);
    int partitions =
        (int)
            number(
                settings, section, PARTITIONS, Limits.DEFAULT_PARTITIONS, Limits.MOST_PARTITIONS);
    long maxTopicSize =
        number(
            settings,
            section,
            MAX_TOPIC_SIZE,
            Limits.DEFAULT_MAX_TOPIC_SIZE,
            Limits.LARGEST_TOPIC_SIZE);
    try {
      return InMemoryBroker.named(broker, new Limits(partitions, maxTopicSize)).transport();
    } catch (IllegalArgumentException e) {
      throw settings.invalid(qualified(BROKER), broker, e.getMessage());
    }
  }

  private static void checkKeys(TransportSettings settings, Map<String, String> section) {
    for (Map.Entry<String, String> entry : section.entrySet()) {
      if (!KEYS.contains(entry.getKey())) {
        throw settings.invalid(
            qualified(entry.getKey()),
            entry.getValue(),
            "unknown key; known keys are broker, partitions, max-topic-size");
      }
    }
  }

  private static String brokerName(TransportSettings settings, Map<String, String> section) {
    String name = section.getOrDefault(BROKER, InMemoryBroker.DEFAULT_NAME).trim();
    if (name.isEmpty()) {
      throw settings.invalid(qualified(BROKER), name, "must not be empty");
    }
    return name;
  }

  private static long number(
      TransportSettings settings,
      Map<String, String> section,
      String key,
      long defaultValue,
      long max) {
    String text = section.get(key);
    if (text == null) {
      return defaultValue;
    }
    try {
      long value = Long.parseLong(text.trim());
      if (value >= 1 && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // Reported below with the same message as an out-of-range value.
    }
    throw settings.invalid(qualified(key), text, "must be a whole number from 1 to " + max);
  }

  private static String qualified(String key) {
    return NAME + "." + key;
  }
}
