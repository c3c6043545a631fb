package dev.mom.tck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class SharedDataTest {

  @Test
  void comparesNumbersByValueWhateverTheirNodeType() {
    JsonNode written = SharedData.parse("{\"qty\": 5, \"price\": 12.50, \"tags\": [1]}");
    ObjectNode read = JsonNodeFactory.instance.objectNode();
    read.put("qty", 5L).put("price", new BigDecimal("12.5")).putArray("tags").add(1.0);

    boolean same = SharedData.sameJson(written, read);

    assertThat(same).isTrue();
  }

  @Test
  void tellsDifferentValuesApart() {
    JsonNode written = SharedData.parse("{\"id\": 18446744073709551615}");

    boolean rounded =
        SharedData.sameJson(written, SharedData.parse("{\"id\": 1.8446744073709552E19}"));
    boolean extra =
        SharedData.sameJson(written, SharedData.parse("{\"id\": 18446744073709551615, \"x\": 1}"));

    assertThat(rounded).isFalse();
    assertThat(extra).isFalse();
    assertThat(SharedData.sameJson(written, null)).isFalse();
  }

  @Test
  void readsEveryLineOfTheOrders() {
    List<SharedData.Envelope> orders = SharedData.orders();

    assertThat(orders).hasSize(19_652);
    assertThat(orders).allSatisfy(order -> assertThat(order.id()).isNotBlank());
  }

  @Test
  void startsCapabilitiesFromEverythingSupported() {
    Capabilities capabilities = Capabilities.builder().nullValues(false).build();

    assertThat(capabilities).isEqualTo(new Capabilities(true, false, true));
    assertThat(Capabilities.all()).isEqualTo(new Capabilities(true, true, true));
  }
}
