package dev.mom.core.internal;

import dev.mom.spi.TransportProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * A class loader whose ServiceLoader sees exactly the providers given, as a class path holding just
 * those transport jars would.
 */
final class ProvidersClassLoader extends ClassLoader {

  private static final String SERVICES = "META-INF/services/" + TransportProvider.class.getName();

  private final List<URL> services;

  ProvidersClassLoader(Path dir, Class<?>... providers) {
    super(ProvidersClassLoader.class.getClassLoader());
    this.services = providers.length == 0 ? List.of() : List.of(servicesFile(dir, providers));
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    if (name.equals(SERVICES)) {
      return Collections.enumeration(services);
    }
    return super.getResources(name);
  }

  private static URL servicesFile(Path dir, Class<?>... providers) {
    List<String> names = Arrays.stream(providers).map(Class::getName).toList();
    try {
      Path file = dir.resolve("services-" + names.hashCode());
      return Files.write(file, names).toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
