package dev.mom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mom.api.InvalidMessageException;
import dev.mom.core.internal.Envelope;
import dev.mom.core.internal.EnvelopeCodec;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleOrdersTest {
  private static final EnvelopeCodec CODEC = new EnvelopeCodec();
  private static final BigInteger TWO_TO_THE_53 = BigInteger.TWO.pow(53);

  @Test
  void makesTheSameLinesFromTheSameSeed() {
    List<byte[]> first = SampleOrders.generate(50, 3, CODEC.mapper());
    List<byte[]> second = SampleOrders.generate(50, 3, CODEC.mapper());

    assertThat(first).hasSameSizeAs(second);
    for (int i = 0; i < first.size(); i++) {
      assertThat(first.get(i)).isEqualTo(second.get(i));
    }
  }

  @Test
  void holdsRealShapedOrdersAndAFewInvalidLines() {
    List<byte[]> lines = SampleOrders.generate(1000, 7, CODEC.mapper());
    List<Envelope> valid = new ArrayList<>();
    int invalid = 0;

    for (byte[] line : lines) {
      try {
        valid.add(CODEC.decode(line));
      } catch (InvalidMessageException e) {
        invalid++;
      }
    }

    assertThat(invalid).isEqualTo(SampleOrders.INVALID_COUNT);
    assertThat(valid.stream().map(Envelope::id).distinct().count()).isGreaterThan(1000);
    assertThat(valid).anyMatch(e -> e.id().startsWith("audit-") && !e.payload().isObject());
    assertThat(valid).anyMatch(e -> e.payload().has("invoice_pdf_base64"));
    assertThat(valid)
        .anyMatch(
            e ->
                e.payload().has("transaction_id")
                    && e.payload().get("transaction_id").bigIntegerValue().compareTo(TWO_TO_THE_53)
                        > 0);
    assertThat(seqBreaks(valid)).isEmpty();
  }

  /** Ids whose seq does not count 1, 2, 3 … in the order written. */
  private static List<String> seqBreaks(List<Envelope> envelopes) {
    Map<String, Integer> last = new HashMap<>();
    List<String> broken = new ArrayList<>();
    for (Envelope envelope : envelopes) {
      JsonNode seq = envelope.payload().get("seq");
      if (seq != null) {
        int expected = last.getOrDefault(envelope.id(), 0) + 1;
        if (seq.intValue() != expected) {
          broken.add(envelope.id());
        }
        last.put(envelope.id(), seq.intValue());
      }
    }
    return broken;
  }
}
