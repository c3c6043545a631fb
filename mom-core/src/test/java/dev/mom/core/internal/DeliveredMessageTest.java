package dev.mom.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mom.api.UnrecoverableException;
import dev.mom.spi.InboundRecord;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeliveredMessageTest {

  record Paid(String orderId, BigDecimal amount) {}

  private final EnvelopeCodec codec = new EnvelopeCodec();

  @Test
  void givesTheEnvelopeAndWhereItCameFrom() {
    DeliveredMessage message =
        message(
            "{\"id\": \"ord-1\", \"event_type\": \"order.paid\", \"payload\": {}, \"x\": 1}",
            Map.of("mom-message-id", "m-1"));

    assertThat(message.id()).isEqualTo("ord-1");
    assertThat(message.eventType()).contains("order.paid");
    assertThat(message.version()).isEmpty();
    assertThat(message.timestamp()).isEmpty();
    assertThat(message.otherFields()).containsOnlyKeys("x");
    assertThat(message.messageId()).contains("m-1");
    assertThat(message.topic()).isEqualTo("orders");
    assertThat(message.position()).isEqualTo("partition 3, offset 1042");
    assertThat(message.transport()).isEqualTo("fake");
    assertThat(message.attempt()).isEqualTo(1);
  }

  @Test
  void hasNoMessageIdWithoutTheHeader() {
    DeliveredMessage message = message("{\"id\": \"a\", \"payload\": 1}", Map.of());

    assertThat(message.messageId()).isEmpty();
  }

  @Test
  void keepsHeadersReadOnly() {
    Map<String, String> headers = new HashMap<>(Map.of("k", "v"));
    DeliveredMessage message = message("{\"id\": \"a\", \"payload\": 1}", headers);

    assertThatThrownBy(() -> message.headers().put("k", "changed"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void mapsThePayloadToARecordIgnoringUnknownFields() {
    DeliveredMessage message =
        message(
            "{\"id\": \"a\", \"payload\": {\"orderId\": \"ord-1\", \"amount\": 0.1, \"new\": 1}}",
            Map.of());

    Paid paid = message.payloadAs(Paid.class);

    assertThat(paid).isEqualTo(new Paid("ord-1", new BigDecimal("0.1")));
  }

  @Test
  void mapsANullPayloadToNull() {
    DeliveredMessage message = message("{\"id\": \"a\", \"payload\": null}", Map.of());

    assertThat(message.payloadAs(Paid.class)).isNull();
  }

  @Test
  void reportsAPayloadThatDoesNotFitAsUnrecoverable() {
    DeliveredMessage message = message("{\"id\": \"a\", \"payload\": [1, 2]}", Map.of());

    assertThatThrownBy(() -> message.payloadAs(Paid.class))
        .isInstanceOf(UnrecoverableException.class)
        .hasMessageStartingWith("payload does not map to " + Paid.class.getName());
  }

  @Test
  void countsAttempts() {
    DeliveredMessage message = message("{\"id\": \"a\", \"payload\": 1}", Map.of());

    DeliveredMessage retry = message.withAttempt(2);

    assertThat(retry.attempt()).isEqualTo(2);
    assertThat(retry.record()).isSameAs(message.record());
    assertThatThrownBy(() -> message.withAttempt(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void escapesControlCharactersOfTheIdInToString() {
    DeliveredMessage message = message("{\"id\": \"a\\nb\", \"payload\": 1}", Map.of());

    assertThat(message.toString()).contains("id=a\\u000ab").doesNotContain("\n");
  }

  private DeliveredMessage message(String json, Map<String, String> headers) {
    byte[] bytes = json.getBytes(UTF_8);
    Envelope envelope = codec.decode(bytes);
    return new DeliveredMessage(envelope, new Record(bytes, headers), "fake", 1, codec.mapper());
  }

  private record Record(byte[] value, Map<String, String> headers) implements InboundRecord {
    @Override
    public String topic() {
      return "orders";
    }

    @Override
    public String key() {
      return null;
    }

    @Override
    public String position() {
      return "partition 3, offset 1042";
    }

    @Override
    public void ack() {}
  }
}
