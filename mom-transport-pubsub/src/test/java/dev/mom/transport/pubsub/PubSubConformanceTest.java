package dev.mom.transport.pubsub;

import dev.mom.tck.TransportConformanceTest;
import dev.mom.tck.TransportFixture;

/**
 * The Pub/Sub transport passes the conformance suite on the emulator; skipped, saying why, where
 * there is no emulator.
 */
class PubSubConformanceTest extends TransportConformanceTest {

  @Override
  protected TransportFixture fixture() {
    return PubSubFixture.shared();
  }
}
