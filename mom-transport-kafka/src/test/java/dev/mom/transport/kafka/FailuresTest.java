package dev.mom.transport.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mom.api.MomException;
import dev.mom.spi.OutboundRecord;
import java.util.Map;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

/** How send failures read; the broker cases are in {@link KafkaTransportTest}. */
class FailuresTest {

  private static final OutboundRecord RECORD =
      new OutboundRecord("orders", "ord-1", new byte[] {1, 2, 3}, Map.of());

  @Test
  void saysWhichTopicTheCredentialsMayNotWrite() {
    MomException error =
        Failures.sendFailed(new TopicAuthorizationException("denied"), RECORD, 1_048_576);

    assertThat(error)
        .hasMessageContaining("not authorised to write to topic \"orders\"")
        .hasMessageContaining("TopicAuthorizationException (denied)");
    assertThat(error.topic()).contains("orders");
    assertThat(error.messageId()).contains("ord-1");
    assertThat(error.transport()).contains("kafka");
  }

  @Test
  void saysWhenAuthenticationFailed() {
    MomException error =
        Failures.sendFailed(new SaslAuthenticationException("bad password"), RECORD, 1_048_576);

    assertThat(error).hasMessageContaining("authentication with Kafka failed");
  }

  @Test
  void replacesTheProducerOnlyAfterFailuresThatBreakIt() {
    assertThat(Failures.breaksProducer(new ClusterAuthorizationException("no idempotence")))
        .isTrue();
    assertThat(Failures.breaksProducer(new TopicAuthorizationException("denied"))).isFalse();
  }
}
