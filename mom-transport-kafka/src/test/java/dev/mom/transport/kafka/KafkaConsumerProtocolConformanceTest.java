package dev.mom.transport.kafka;

import dev.mom.tck.TransportConformanceTest;
import dev.mom.tck.TransportFixture;
import org.junit.jupiter.api.AfterAll;

/**
 * The Kafka transport passes the conformance suite with Kafka 4's consumer group protocol, where
 * partitions move one by one instead of all at each rebalance.
 */
class KafkaConsumerProtocolConformanceTest extends TransportConformanceTest {

  private static final KafkaFixture FIXTURE = KafkaFixture.consumerProtocol(KafkaBroker.shared());

  @Override
  protected TransportFixture fixture() {
    return FIXTURE;
  }

  @AfterAll
  static void closeFixture() {
    FIXTURE.close();
  }
}
