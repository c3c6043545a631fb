package dev.mom.core.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.mom.api.InvalidMessageException;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeCodecTest {

  /** The reason each poison file must be rejected with. */
  private static final Map<String, String> POISON_REASONS =
      Map.ofEntries(
          Map.entry("01-not-json.txt", "invalid envelope: not JSON at line 1, column 1"),
          Map.entry("02-truncated.json", "invalid envelope: truncated JSON"),
          Map.entry("03-missing-id.json", "invalid envelope: no `id`"),
          Map.entry("04-missing-payload.json", "invalid envelope: no `payload`"),
          Map.entry("05-id-object.json", "invalid envelope: `id` is an object"),
          Map.entry("06-id-null.json", "invalid envelope: `id` is null"),
          Map.entry("07-id-empty.json", "invalid envelope: `id` is an empty string"),
          Map.entry("08-top-level-array.json", "invalid envelope: not an object but an array"),
          Map.entry("09-invalid-utf8.bin", "invalid envelope: invalid UTF-8 at byte 37"),
          Map.entry("10-deep-nesting.json", "invalid envelope: nesting deeper than 500"),
          Map.entry("11-empty.bin", "invalid envelope: empty (zero bytes)"),
          Map.entry("12-duplicate-id.json", "invalid envelope: `id` given twice"),
          Map.entry(
              "13-huge-exponent.json",
              "invalid envelope: number out of range (exponent beyond ±1000)"),
          Map.entry("14-json-scalar.json", "invalid envelope: not an object but a string"),
          Map.entry("15-whitespace-only.txt", "invalid envelope: only white space"));

  private final EnvelopeCodec codec = new EnvelopeCodec();

  @Test
  void readsBackAStringLongerThanJacksonsDefaultLimit() {
    String text = "x".repeat(21_000_000);

    Envelope envelope = codec.decode(codec.encode("big", text, "", "1.0", null));

    assertThat(envelope.payload().textValue()).hasSize(text.length());
  }

  @Test
  void knowsTheReasonForEveryPoisonFile() {
    List<String> files = TestData.fileNames("poison");

    assertThat(files).containsExactlyInAnyOrderElementsOf(POISON_REASONS.keySet());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "01-not-json.txt",
        "02-truncated.json",
        "03-missing-id.json",
        "04-missing-payload.json",
        "05-id-object.json",
        "06-id-null.json",
        "07-id-empty.json",
        "08-top-level-array.json",
        "09-invalid-utf8.bin",
        "10-deep-nesting.json",
        "11-empty.bin",
        "12-duplicate-id.json",
        "13-huge-exponent.json",
        "14-json-scalar.json",
        "15-whitespace-only.txt"
      })
  void rejectsPoisonWithTheRuleItBroke(String file) {
    byte[] bytes = TestData.bytes("poison", file);

    assertThatThrownBy(() -> codec.decode(bytes))
        .isInstanceOf(InvalidMessageException.class)
        .hasMessage(POISON_REASONS.get(file));
  }

  @Test
  void rejectsATombstone() {
    assertThatThrownBy(() -> codec.decode(null))
        .isInstanceOf(InvalidMessageException.class)
        .hasMessage("invalid envelope: no value (tombstone)");
  }

  @Test
  void knowsWhatToExpectOfEveryValidFile() {
    List<String> files = TestData.fileNames("valid");

    assertThat(files).hasSize(7).allMatch(name -> name.endsWith(".json"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "01-pymom-envelope.json | ord-000100 | {\"type\": \"order.created\", \"seq\": 1}",
        "02-utf8-bom.json | ord-000101 | {\"seq\": 1}",
        "03-payload-null.json | audit-x1 | null",
        "04-numeric-id.json | 12345 | \"numeric ids are read as their decimal text\"",
        "05-unicode-id.json | заказ-🚚-42 | {\"seq\": 1}",
        "06-big-integer.json | ord-000102 | "
            + "{\"transaction_id\": 18446744073709551615, \"amount\": 0.1}",
        "07-extra-top-level-field.json | ord-000103 | {\"seq\": 1}"
      })
  void acceptsEveryValidFileIntact(String expectation) throws IOException {
    String[] parts = expectation.split(" \\| ");
    byte[] bytes = TestData.bytes("valid", parts[0]);

    Envelope envelope = codec.decode(bytes);

    assertThat(envelope.id()).isEqualTo(parts[1]);
    assertThat(envelope.payload()).isEqualTo(codec.mapper().readTree(parts[2]));
  }

  @Test
  void keepsThePyMomFields() {
    Envelope envelope = codec.decode(TestData.bytes("valid", "01-pymom-envelope.json"));

    assertThat(envelope.eventType()).isEmpty();
    assertThat(envelope.version()).isEqualTo("1.0");
    assertThat(envelope.timestamp()).isEqualTo("2020-06-01 12:34:56.789012");
    assertThat(envelope.otherFields()).isEmpty();
  }

  @Test
  void readsAJsonNullPayloadAsNullNode() {
    Envelope envelope = codec.decode(TestData.bytes("valid", "03-payload-null.json"));

    assertThat(envelope.payload()).isSameAs(NullNode.getInstance());
  }

  @Test
  void keepsBigIntegersAndDecimalsExact() {
    Envelope envelope = codec.decode(TestData.bytes("valid", "06-big-integer.json"));

    JsonNode payload = envelope.payload();
    assertThat(payload.get("transaction_id").bigIntegerValue())
        .isEqualTo(new BigInteger("18446744073709551615"));
    assertThat(payload.get("amount").isBigDecimal()).isTrue();
    assertThat(payload.get("amount").decimalValue()).isEqualTo(new BigDecimal("0.1"));
  }

  @Test
  void keepsTrailingZerosOfDecimalsAsWritten() {
    Envelope envelope = decode("{\"id\": \"a\", \"payload\": [1.50, 0.0, 1e5, 123456789.000]}");

    assertThat(envelope.payload().toString()).isEqualTo("[1.50,0.0,1E+5,123456789.000]");
  }

  @Test
  void keepsUnknownTopLevelFieldsInOrder() {
    Envelope envelope =
        decode(
            "{\"z\": 1, \"id\": \"a\", \"trace\": {\"source\": \"legacy\"}, \"payload\": 2,"
                + " \"b\": null}");

    assertThat(envelope.otherFields().keySet()).containsExactly("z", "trace", "b");
    assertThat(envelope.otherFields().get("trace").get("source").asText()).isEqualTo("legacy");
    assertThat(envelope.otherFields().get("b").getNodeType()).isEqualTo(JsonNodeType.NULL);
  }

  @Test
  void readsADecimalIdAsItsPlainText() {
    assertThat(decode("{\"id\": 12.50, \"payload\": 1}").id()).isEqualTo("12.50");
    assertThat(decode("{\"id\": -7, \"payload\": 1}").id()).isEqualTo("-7");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"id\": [1], \"payload\": 1} | `id` is an array",
        "{\"id\": true, \"payload\": 1} | `id` is a boolean",
        "{\"id\": 1e5000, \"payload\": 1} | number out of range (exponent beyond ±1000)",
        "{\"id\": \"a\", \"payload\": 1e-5000} | number out of range (exponent beyond ±1000)",
        "{\"id\": \"a\", \"payload\": 1, \"event_type\": {}} | `event_type` is an object",
        "{\"id\": \"a\", \"payload\": 1, \"version\": [\"1\"]} | `version` is an array",
        "{\"id\": \"a\", \"payload\": 1} {} | content after the object",
        "{\"id\": \"a\", \"payload\": 1} x | content after the object",
        "{\"id\": \"a\", \"payload\": {\"k\": 1, \"k\": 2}} | a field given twice inside `payload`",
        "{\"id\": \"a\", \"payload\": 1, \"payload\": 2} | `payload` given twice",
        "{\"id\": \"a\", \"x\": 1, \"x\": 2, \"payload\": 1} | an unknown field given twice",
        "{\"id\": \"a\", \"payload\": } | malformed JSON at line 1",
        "{\"id\": \"a\", \"payload\": tru} | malformed JSON at line 1",
        "{\"id\": \"a\", \"payload\": 1,} | malformed JSON at line 1",
        "\"a\"\"b\" | not an object but a string",
        "{ | truncated JSON",
        "null | not an object but null"
      })
  void namesTheRuleABrokenEnvelopeBreaks(String example) {
    String[] parts = example.split(" \\| ");
    byte[] bytes = parts[0].getBytes(UTF_8);

    assertThatThrownBy(() -> codec.decode(bytes))
        .isInstanceOf(InvalidMessageException.class)
        .hasMessageStartingWith("invalid envelope: " + parts[1]);
  }

  @Test
  void rejectsANumberLongerThanTheLimit() {
    String digits = "9".repeat(1001);

    assertThatThrownBy(() -> decode("{\"id\": \"a\", \"payload\": " + digits + "}"))
        .hasMessage("invalid envelope: number longer than 1000 characters");
  }

  @Test
  void acceptsNestingUpToTheLimit() {
    String payload = "[".repeat(499) + "]".repeat(499);

    Envelope envelope = decode("{\"id\": \"a\", \"payload\": " + payload + "}");

    assertThat(envelope.payload().isArray()).isTrue();
  }

  @Test
  void rejectsOverlongUtf8ThatJacksonWouldDecode() {
    byte[] overlongSlash = {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'};

    assertThatThrownBy(() -> codec.decode(overlongSlash))
        .hasMessage("invalid envelope: invalid UTF-8 at byte 8");
  }

  @Test
  void writesTheFieldsInPyMomsOrder() {
    Instant time = Instant.parse("2026-12-03T10:15:30.123456Z");

    byte[] bytes = codec.encode("ord-1", Map.of("amount", 12.5), "order.paid", "2.0", time);

    assertThat(new String(bytes, UTF_8))
        .isEqualTo(
            "{\"id\":\"ord-1\",\"event_type\":\"order.paid\",\"version\":\"2.0\","
                + "\"timestamp\":\"2026-12-03T10:15:30.123Z\",\"payload\":{\"amount\":12.5}}");
  }

  @Test
  void writesPyMomsDefaultsForAMissingEventTypeAndVersion() {
    Instant time = Instant.parse("2026-12-03T10:15:30Z");

    byte[] bytes = codec.encode("a", null, null, null, time);

    assertThat(new String(bytes, UTF_8))
        .isEqualTo(
            "{\"id\":\"a\",\"event_type\":\"\",\"version\":\"1.0\","
                + "\"timestamp\":\"2026-12-03T10:15:30.000Z\",\"payload\":null}");
  }

  @Test
  void decodesWhatItEncodes() {
    record Order(String orderId, BigDecimal amount, List<String> tags) {}
    Order order = new Order("ord-7", new BigDecimal("0.10"), List.of("é", "🚚", "tab\there"));
    Instant time = Instant.parse("2026-12-03T10:15:30.123Z");

    Envelope envelope = codec.decode(codec.encode("заказ-7", order, "order.created", null, time));

    assertThat(envelope.id()).isEqualTo("заказ-7");
    assertThat(envelope.eventType()).isEqualTo("order.created");
    assertThat(envelope.version()).isEqualTo("1.0");
    assertThat(envelope.timestamp()).isEqualTo("2026-12-03T10:15:30.123Z");
    assertThat(codec.mapper().convertValue(envelope.payload(), Order.class)).isEqualTo(order);
  }

  @Test
  void writesBigNumbersExactly() {
    Map<String, Object> payload =
        Map.of(
            "big", new BigInteger("18446744073709551615"),
            "small", new BigDecimal("0.1"));

    Envelope envelope = codec.decode(codec.encode("a", payload, null, null, Instant.EPOCH));

    assertThat(envelope.payload().get("big").bigIntegerValue())
        .isEqualTo(new BigInteger("18446744073709551615"));
    assertThat(envelope.payload().get("small").decimalValue()).isEqualTo(new BigDecimal("0.1"));
  }

  @Test
  void refusesToEncodeAnEmptyId() {
    assertThatThrownBy(() -> codec.encode("", 1, null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("id");
    assertThatThrownBy(() -> codec.encode(null, 1, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesToEncodeAPayloadJacksonCannotWrite() {
    Object notWritable = new Object();

    assertThatThrownBy(() -> codec.encode("a", notWritable, null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("payload cannot be written as JSON");
  }

  @Test
  void refusesToEncodeNestingItWouldNotRead() throws IOException {
    JsonNode deep = codec.mapper().readTree("[".repeat(500) + "]".repeat(500));

    assertThatThrownBy(() -> codec.encode("a", deep, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decodesEveryOrderAndWritesItsPayloadBackUnchanged() throws IOException {
    int lines = 0;
    try (BufferedReader reader = Files.newBufferedReader(TestData.file("orders.jsonl"), UTF_8)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        JsonNode original = codec.mapper().readTree(line);

        Envelope envelope = codec.decode(line.getBytes(UTF_8));
        Envelope again =
            codec.decode(codec.encode(envelope.id(), envelope.payload(), null, null, null));

        assertThat(envelope.id()).isEqualTo(original.get("id").asText());
        assertThat(again.payload()).isEqualTo(original.get("payload"));
        lines++;
      }
    }

    assertThat(lines).isEqualTo(19_652);
  }

  private Envelope decode(String json) {
    return codec.decode(json.getBytes(UTF_8));
  }
}
