package dev.mom.transport.inmemory;

import dev.mom.tck.TransportConformanceTest;
import dev.mom.tck.TransportFixture;

/** The in-memory transport passes the conformance suite, each test on a broker of its own. */
class InMemoryConformanceTest extends TransportConformanceTest {
  private final TransportFixture fixture = new InMemoryFixture(InMemoryBroker.create());

  @Override
  protected TransportFixture fixture() {
    return fixture;
  }
}
