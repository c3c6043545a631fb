package dev.mom.core.internal;

import dev.mom.MomSettings;
import dev.mom.api.ConfigurationException;
import dev.mom.spi.Transport;
import dev.mom.spi.TransportProvider;
import dev.mom.spi.TransportSettings;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Picks the transport the settings ask for among those on the class path, checks that every key and
 * section is read by Mom or by a transport found, and creates the transport.
 *
 * <p>When nothing fits, the error lists every transport found, where it came from, and why it did
 * not fit, so that a missing jar or a misspelt name is plain to see.
 */
public final class TransportSelector {

  private static final String SERVICE_FILE =
      "META-INF/services/" + TransportProvider.class.getName();
  private static final String KAFKA = "kafka";
  private static final String BOOTSTRAP_KEY = "kafka-bootstrap-brokers";

  /** The artifact that brings each transport, for errors about one that is missing. */
  private static final Map<String, String> ARTIFACTS =
      Map.of(
          KAFKA,
          "mom-transport-kafka",
          "pubsub",
          "mom-transport-pubsub",
          "inmemory",
          "mom-transport-inmemory");

  private TransportSelector() {}

  /** A provider found, with where it came from. */
  private record Found(TransportProvider provider, String origin) {
    String name() {
      return provider.name();
    }

    @Override
    public String toString() {
      return name() + " (from " + origin + ")";
    }
  }

  /**
   * Picks, checks and creates the transport, on the calling thread.
   *
   * @param settings the settings
   * @param loader the class loader to find {@link TransportProvider}s with
   * @return the new transport, owned by the caller
   * @throws ConfigurationException if no transport is found or none fits, if a key or section is
   *     read by nobody, or if the provider rejects its settings
   */
  public static Transport open(MomSettings settings, ClassLoader loader) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(loader, "loader");
    List<Found> found = providers(loader);
    if (found.isEmpty()) {
      throw new ConfigurationException(
          settings.source()
              + ": no transport on the class path; add one of "
              + String.join(", ", ARTIFACTS.values().stream().sorted().toList()));
    }

    Found chosen = choose(settings, found);
    checkKeys(settings, found);
    checkSections(settings, found);
    return chosen.provider().create(settings.transportSettings());
  }

  /**
   * Checks that every top-level key and section is read by Mom or by a transport on the class path,
   * for settings used with a transport the caller made itself.
   *
   * @param settings the settings
   * @param loader the class loader to find {@link TransportProvider}s with
   * @throws ConfigurationException if a key or section is read by nobody
   */
  public static void check(MomSettings settings, ClassLoader loader) {
    List<Found> found = providers(loader);
    checkKeys(settings, found);
    checkSections(settings, found);
  }

  private static List<Found> providers(ClassLoader loader) {
    Map<String, Found> byName = new LinkedHashMap<>();
    try {
      for (ServiceLoader.Provider<TransportProvider> provider :
          ServiceLoader.load(TransportProvider.class, loader).stream().toList()) {
        Found found = new Found(provider.get(), origin(provider.type()));
        Found twin = byName.putIfAbsent(found.name(), found);
        if (twin != null) {
          throw new ConfigurationException(
              "two transports are named '"
                  + found.name()
                  + "': "
                  + twin
                  + " and "
                  + found
                  + "; keep one on the class path");
        }
      }
    } catch (ServiceConfigurationError e) {
      throw new ConfigurationException(
          "a transport listed in " + SERVICE_FILE + " cannot be loaded: " + e.getMessage(), e);
    }
    return new ArrayList<>(byName.values());
  }

  private static Found choose(MomSettings settings, List<Found> found) {
    TransportSettings view = settings.transportSettings();
    if (settings.transport().isPresent()) {
      String name = settings.transport().get();
      return byName(found, name)
          .orElseThrow(
              () ->
                  view.invalid(
                      "transport",
                      name,
                      "unknown transport '"
                          + name
                          + "'; "
                          + missing(name)
                          + "found: "
                          + list(found)));
    }
    // Brokers named but no transport: a PyMom file means Kafka, and must never run quietly on
    // whichever other transport happens to be alone on the class path.
    if (view.get(BOOTSTRAP_KEY).isPresent()) {
      return byName(found, KAFKA)
          .orElseThrow(
              () ->
                  new ConfigurationException(
                      settings.source()
                          + ": transport is not set and "
                          + BOOTSTRAP_KEY
                          + " asks for kafka, but kafka is not on the class path (add "
                          + ARTIFACTS.get(KAFKA)
                          + "); found: "
                          + list(found)));
    }
    if (found.size() == 1) {
      return found.get(0);
    }
    throw new ConfigurationException(
        settings.source()
            + ": transport is not set and several transports were found: "
            + list(found)
            + "; set transport to one of them (or "
            + BOOTSTRAP_KEY
            + " to pick kafka)");
  }

  private static void checkKeys(MomSettings settings, List<Found> found) {
    for (String key : settings.keys()) {
      boolean claimed =
          MomSettings.momKeys().contains(key)
              || found.stream().anyMatch(f -> f.provider().keys().contains(key));
      if (!claimed) {
        String value = settings.transportSettings().get(key).orElse("");
        throw settings
            .transportSettings()
            .invalid(
                key,
                value,
                "unknown key: neither Mom nor a transport found reads it; found: " + list(found));
      }
    }
  }

  private static void checkSections(MomSettings settings, List<Found> found) {
    for (String section : settings.sections()) {
      boolean claimed = found.stream().anyMatch(f -> f.provider().sections().contains(section));
      if (!claimed) {
        throw new ConfigurationException(
            settings.source()
                + ": section ["
                + section
                + "]: unknown section: no transport found reads it; "
                + missing(section)
                + "found: "
                + list(found));
      }
    }
  }

  private static java.util.Optional<Found> byName(List<Found> found, String name) {
    return found.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /** Names the artifact to add when a name belongs to a known transport that is not here. */
  private static String missing(String name) {
    String transport = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
    String artifact = ARTIFACTS.get(transport);
    return artifact == null ? "" : "add " + artifact + " to use " + transport + "; ";
  }

  private static String list(List<Found> found) {
    return found.stream().map(Found::toString).collect(Collectors.joining(", "));
  }

  /** Returns the jar a provider class came from, or the class name if it is not in a jar. */
  private static String origin(Class<?> type) {
    CodeSource code = type.getProtectionDomain().getCodeSource();
    URL location = code == null ? null : code.getLocation();
    String path = location == null ? "" : location.getPath();
    if (path.endsWith(".jar")) {
      return path.substring(path.lastIndexOf('/') + 1);
    }
    return type.getName();
  }
}
