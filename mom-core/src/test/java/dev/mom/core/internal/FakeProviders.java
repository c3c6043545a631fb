package dev.mom.core.internal;

import dev.mom.spi.Transport;
import dev.mom.spi.TransportProvider;
import dev.mom.spi.TransportSettings;
import java.util.Set;

/** Transport providers for the selection tests; only {@link Fake} is listed for ServiceLoader. */
final class FakeProviders {

  private FakeProviders() {}

  /** Claims the top-level key {@code fake-endpoint} and the section {@code [fake]}. */
  public static final class Fake implements TransportProvider {
    @Override
    public String name() {
      return "fake";
    }

    @Override
    public Set<String> keys() {
      return Set.of("fake-endpoint");
    }

    @Override
    public Transport create(TransportSettings settings) {
      return new FakeTransport(name(), settings);
    }
  }

  /** Stands in for the Kafka transport. */
  public static final class Kafka implements TransportProvider {
    @Override
    public String name() {
      return "kafka";
    }

    @Override
    public Set<String> sections() {
      return Set.of("kafka", "kafka.producer", "kafka.consumer");
    }

    @Override
    public Transport create(TransportSettings settings) {
      return new FakeTransport(name(), settings);
    }
  }

  /** Stands in for the in-memory transport. */
  public static final class InMemory implements TransportProvider {
    @Override
    public String name() {
      return "inmemory";
    }

    @Override
    public Transport create(TransportSettings settings) {
      return new FakeTransport(name(), settings);
    }
  }

  /** A second provider named {@code fake}. */
  public static final class FakeTwin implements TransportProvider {
    @Override
    public String name() {
      return "fake";
    }

    @Override
    public Transport create(TransportSettings settings) {
      return new FakeTransport(name(), settings);
    }
  }

  /** Rejects its settings, as a provider does when a key of its own is bad. */
  public static final class Picky implements TransportProvider {
    @Override
    public String name() {
      return "picky";
    }

    @Override
    public Transport create(TransportSettings settings) {
      String level = settings.section("picky").get("level");
      throw settings.invalid("picky.level", level, "must be high");
    }
  }
}
