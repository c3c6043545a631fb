package dev.mom.transport.kafka;

import dev.mom.tck.TransportConformanceTest;
import dev.mom.tck.TransportFixture;
import org.junit.jupiter.api.AfterAll;

/** The Kafka transport passes the conformance suite against a real broker, classic groups. */
class KafkaConformanceTest extends TransportConformanceTest {

  private static final KafkaFixture FIXTURE = KafkaFixture.classicProtocol(KafkaBroker.shared());

  @Override
  protected TransportFixture fixture() {
    return FIXTURE;
  }

  @AfterAll
  static void closeFixture() {
    FIXTURE.close();
  }
}
