package dev.mom.spi;

import java.util.Set;

/**
 * Makes a {@link Transport} for one kind of broker. Found with {@link java.util.ServiceLoader}: a
 * transport jar lists its provider in {@code META-INF/services/dev.mom.spi.TransportProvider} and,
 * on the module path, in {@code provides} of its module descriptor.
 *
 * <p>Mom asks every provider found for its name and the configuration it reads, picks one as the
 * configuration says, and calls {@link #create} once per {@code Mom} instance, on the thread that
 * builds it. Providers are stateless and must have a public no-argument constructor.
 */
public interface TransportProvider {

  /** Returns the name users give in the {@code transport} setting, for example {@code kafka}. */
  String name();

  /**
   * Returns the configuration sections this transport reads, for example {@code kafka} and {@code
   * kafka.consumer}. Mom rejects sections that no provider on the class path claims.
   */
  default Set<String> sections() {
    return Set.of(name());
  }

  /**
   * Returns the top-level keys this transport reads, for example {@code kafka-bootstrap-brokers}.
   * Mom rejects top-level keys that neither it nor a provider claims.
   */
  default Set<String> keys() {
    return Set.of();
  }

  /**
   * Creates a transport from the settings. Connections may be opened lazily.
   *
   * @param settings the configuration, already checked for unknown top-level keys and sections
   * @return a new transport, owned by the caller, who closes it
   * @throws dev.mom.api.ConfigurationException if a setting is missing or bad; build it with {@link
   *     TransportSettings#invalid} so it names the key, the value and the source
   */
  Transport create(TransportSettings settings);
}
