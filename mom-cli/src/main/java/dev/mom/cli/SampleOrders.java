package dev.mom.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Makes the demo's input: order lifecycles as live traffic interleaves them, as JSON lines of
 * envelopes. The same seed gives the same lines.
 *
 * <ul>
 *   <li>Each order id has 2 to 5 events ({@code order.created}, {@code .paid}, {@code .shipped},
 *       {@code .delivered}, {@code .cancelled}, {@code .refunded}) whose {@code seq} counts 1, 2, 3
 *       … per id in the order written.
 *   <li>Names and notes in many scripts, with tabs, newlines, quotes and backslashes; transaction
 *       ids beyond 2^53 and amounts that a double would round; about one order in a hundred carries
 *       a base64 attachment of 20 to 60 KB.
 *   <li>About one line in a hundred is an {@code audit-NNNNN} message whose payload is not an
 *       object (a string, a number such as 10^30, an array, {@code null}, …).
 *   <li>{@value #INVALID_COUNT} lines, spread through the file, are not valid envelopes, each
 *       breaking another rule.
 * </ul>
 */
final class SampleOrders {
  /** How many invalid lines the sample holds. */
  static final int INVALID_COUNT = 10;

  private static final String[] FIRST = {
    "Ana",
    "Björn",
    "Chloé",
    "Eun-ji",
    "Fatima",
    "Hiroshi",
    "Ifeoma",
    "Łucja",
    "Nguyễn",
    "Olúwaseun",
    "Søren",
    "Ülkü",
    "王芳",
    "Мария",
    "محمد",
    "שירה"
  };
  private static final String[] LAST = {
    "Andersen",
    "Bălan",
    "Dubois",
    "Fernández",
    "Jovanović",
    "Müller",
    "O'Neil",
    "Wiśniewski",
    "Yılmaz",
    "李",
    "Смирнов",
    "حسن",
    "כהן"
  };
  private static final String[] NOTES = {
    "Leave at the door 🚪", "Gift wrap please 🎁", "请在工作日送货", "Позвоните перед доставкой",
    "الرجاء الاتصال قبل التسليم", "Tab\tand\nnewline inside", "Quotes \"inside\" and a \\ here", ""
  };
  private static final String[] CURRENCIES = {"EUR", "USD", "GBP", "JPY", "PLN", "BRL", "INR"};
  private static final String[] CARRIERS = {"DHL", "UPS", "PostNL", "ヤマト運輸", "Correios"};

  /** Lines no consumer may take, each breaking one rule of the envelope. */
  private static final List<byte[]> INVALID =
      List.of(
          text("order ord-000001 paid"),
          text("{\"id\": \"ord-broken\", \"payload\": {\"seq\": 1}"),
          text("{\"payload\": {\"type\": \"order.paid\"}}"),
          text("{\"id\": \"ord-no-payload\"}"),
          text("{\"id\": \"\", \"payload\": {}}"),
          text("{\"id\": {\"order\": 1}, \"payload\": {}}"),
          text("[{\"id\": \"ord-in-array\", \"payload\": {}}]"),
          text("{\"id\": \"ord-a\", \"id\": \"ord-b\", \"payload\": {}}"),
          text("{\"id\": \"ord-huge\", \"payload\": {\"amount\": 1e999999}}"),
          new byte[] {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});

  private final Random random;
  private final ObjectMapper mapper;
  private final JsonNodeFactory nodes;

  private SampleOrders(long seed, ObjectMapper mapper) {
    this.random = new Random(seed);
    this.mapper = mapper;
    this.nodes = mapper.getNodeFactory();
  }

  /**
   * Makes the lines for a number of orders.
   *
   * @param orders how many order ids, at least 1
   * @param seed the seed of the random choices
   * @param mapper writes the JSON; its node factory keeps numbers exact
   * @return the lines, UTF-8, without line ends
   */
  static List<byte[]> generate(int orders, long seed, ObjectMapper mapper) {
    return new SampleOrders(seed, mapper).lines(orders);
  }

  private List<byte[]> lines(int orders) {
    Map<String, List<ObjectNode>> pending = new LinkedHashMap<>();
    for (int n = 1; n <= orders; n++) {
      String id = String.format("ord-%06d", n);
      pending.put(id, lifecycle(id));
    }
    List<String> live = new ArrayList<>(pending.keySet());
    Map<String, Integer> seq = new LinkedHashMap<>();
    List<byte[]> lines = new ArrayList<>();
    int audits = 0;
    while (!live.isEmpty()) {
      int pick = random.nextInt(live.size());
      String id = live.get(pick);
      ObjectNode event = pending.get(id).remove(0);
      event.put("seq", seq.merge(id, 1, Integer::sum));
      lines.add(envelope(id, event));
      if (pending.get(id).isEmpty()) {
        live.set(pick, live.get(live.size() - 1));
        live.remove(live.size() - 1);
      }
      if (random.nextInt(100) == 0) {
        lines.add(envelope(String.format("audit-%05d", ++audits), auditPayload()));
      }
    }
    return withInvalidLines(lines);
  }

  private List<byte[]> withInvalidLines(List<byte[]> lines) {
    List<byte[]> all = new ArrayList<>(lines.size() + INVALID.size());
    int every = Math.max(1, lines.size() / (INVALID.size() + 1));
    int next = 0;
    for (int i = 0; i < lines.size(); i++) {
      all.add(lines.get(i));
      if ((i + 1) % every == 0 && next < INVALID.size()) {
        all.add(INVALID.get(next++));
      }
    }
    while (next < INVALID.size()) {
      all.add(INVALID.get(next++));
    }
    return all;
  }

  private List<ObjectNode> lifecycle(String id) {
    List<ObjectNode> events = new ArrayList<>();
    events.add(created(id));
    if (random.nextInt(100) < 8) {
      events.add(event("order.cancelled", id).put("reason", pick("customer", "fraud", "stock")));
      return events;
    }
    events.add(
        event("order.paid", id)
            .put("transaction_id", new BigInteger(63, random).setBit(54))
            .put("amount", money(50, 2_500_000))
            .put("method", pick("card", "sepa", "pix", "upi", "paypal")));
    events.add(
        event("order.shipped", id)
            .put("carrier", pick(CARRIERS))
            .put("tracking", String.format("TRK%012X", random.nextLong() & 0xFFFFFFFFFFFFL))
            .put("weight_kg", BigDecimal.valueOf(random.nextInt(40_000) + 50, 3)));
    events.add(event("order.delivered", id).put("signed_by", pick("recipient", "neighbour")));
    if (random.nextInt(100) < 5) {
      events.add(event("order.refunded", id).put("amount", money(50, 50_000)));
    }
    return events;
  }

  private ObjectNode created(String id) {
    ObjectNode order = event("order.created", id);
    ObjectNode customer = order.putObject("customer");
    int number = random.nextInt(2_000_000) + 1;
    customer.put("customer_id", String.format("C%07d", number));
    customer.put("name", pick(FIRST) + " " + pick(LAST));
    customer.put("email", "customer-" + number + "@example.invalid");
    customer.put("vip", random.nextInt(20) == 0);
    order.put("currency", pick(CURRENCIES));
    ArrayNode items = order.putArray("items");
    for (int i = random.nextInt(6) + 1; i > 0; i--) {
      items
          .addObject()
          .put("sku", String.format("SKU-%05d", random.nextInt(400) + 1))
          .put("qty", random.nextInt(5) + 1)
          .put("unit_price", money(99, 250_000).toPlainString());
    }
    order.put("note", pick(NOTES));
    if (random.nextInt(100) == 0) {
      byte[] attachment = new byte[20_000 + random.nextInt(40_000)];
      random.nextBytes(attachment);
      order.put("invoice_pdf_base64", Base64.getEncoder().encodeToString(attachment));
    }
    return order;
  }

  private JsonNode auditPayload() {
    return switch (random.nextInt(8)) {
      case 0 -> nodes.textNode("plain text payload");
      case 1 -> nodes.numberNode(new BigInteger("1000000000000000000000000000000"));
      case 2 -> nodes.numberNode(new BigDecimal("3.14159"));
      case 3 -> nodes.arrayNode().add(1).add("two").add(nodes.objectNode().put("three", 3));
      case 4 -> nodes.nullNode();
      case 5 -> nodes.booleanNode(true);
      case 6 -> nodes.objectNode();
      default -> nodes.textNode("");
    };
  }

  private ObjectNode event(String type, String id) {
    return nodes.objectNode().put("type", type).put("order_id", id);
  }

  private BigDecimal money(int lowestCents, int highestCents) {
    return BigDecimal.valueOf(lowestCents + random.nextInt(highestCents - lowestCents), 2);
  }

  private String pick(String... choices) {
    return choices[random.nextInt(choices.length)];
  }

  private byte[] envelope(String id, JsonNode payload) {
    ObjectNode envelope = nodes.objectNode().put("id", id);
    envelope.set("payload", payload);
    try {
      return mapper.writeValueAsBytes(envelope);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a generated order cannot be written", e);
    }
  }

  private static byte[] text(String line) {
    return line.getBytes(StandardCharsets.UTF_8);
  }
}
