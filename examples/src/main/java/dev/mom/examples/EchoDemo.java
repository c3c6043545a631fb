package dev.mom.examples;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.mom.Mom;
import dev.mom.transport.inmemory.InMemoryBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The echo service end to end on an in-memory broker: writes every envelope of a JSON-lines file
 * with {@link ProduceOne}, lets {@link EchoConsumer} copy them, reads the copies back and checks
 * that every id's payloads came through complete, unchanged and in order.
 *
 * <pre>java dev.mom.examples.EchoDemo [orders.jsonl]</pre>
 */
public final class EchoDemo {
  private static final ObjectMapper JSON =
      // Exact numbers, as Mom keeps them: 2637.0 stays 2637.0, not 2637.
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private EchoDemo() {}

  /**
   * What the demo saw.
   *
   * @param produced envelopes written
   * @param echoed envelopes read back from the output topic
   * @param idsOutOfOrder ids whose echoed payloads differ from the input or its order
   * @param elapsed time from the first write to the last echo
   */
  public record Report(int produced, int echoed, List<String> idsOutOfOrder, Duration elapsed) {

    /** Returns whether every message came back, unchanged and in order per id. */
    public boolean ok() {
      return produced == echoed && idsOutOfOrder.isEmpty();
    }

    /** Returns the report as a few lines of text. */
    public String text() {
      double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
      return String.format(
          "produced:          %d%nechoed:            %d%nper-id order:      %s%n"
              + "elapsed:           %.2f s%nmessages/s:        %.0f%n",
          produced,
          echoed,
          idsOutOfOrder.isEmpty() ? "verified" : "BROKEN for " + idsOutOfOrder,
          seconds,
          produced / seconds);
    }
  }

  /**
   * Runs the demo on the file given, or on {@code ../shared/data/orders.jsonl}.
   *
   * @param args an optional path to a JSON-lines file of envelopes
   */
  public static void main(String[] args) {
    Path input = Path.of(args.length > 0 ? args[0] : "../shared/data/orders.jsonl");
    Report report = run(input);
    System.out.print(report.text());
    System.exit(report.ok() ? 0 : 1);
  }

  /**
   * Runs the echo service over a file of envelopes.
   *
   * @param input a JSON-lines file, one envelope with {@code id} and {@code payload} a line
   * @return what came back
   */
  public static Report run(Path input) {
    List<JsonNode> envelopes = read(input);
    InMemoryBroker broker = InMemoryBroker.create();
    long start = System.nanoTime();

    try (Mom producer = Mom.builder().transport(broker.transport()).build();
        Mom echo = Mom.builder().transport(broker.transport()).build()) {
      EchoConsumer.register(echo);
      echo.start();
      for (JsonNode envelope : envelopes) {
        String payload = envelope.get("payload").toString();
        ProduceOne.write(producer, envelope.get("id").asText(), payload);
      }
      broker.awaitAcknowledged(
          EchoConsumer.GROUP, EchoConsumer.FROM, envelopes.size(), Duration.ofMinutes(5));
    }

    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    List<JsonNode> echoed = new ArrayList<>();
    broker.texts(EchoConsumer.TO).forEach(text -> echoed.add(parse(text)));
    return new Report(envelopes.size(), echoed.size(), mismatches(envelopes, echoed), elapsed);
  }

  private static List<String> mismatches(List<JsonNode> sent, List<JsonNode> echoed) {
    Map<String, List<JsonNode>> expected = payloadsById(sent);
    Map<String, List<JsonNode>> actual = payloadsById(echoed);
    List<String> wrong = new ArrayList<>();
    expected.forEach(
        (id, payloads) -> {
          if (!payloads.equals(actual.get(id))) {
            wrong.add(id);
          }
        });
    return wrong;
  }

  private static Map<String, List<JsonNode>> payloadsById(List<JsonNode> envelopes) {
    Map<String, List<JsonNode>> byId = new LinkedHashMap<>();
    for (JsonNode envelope : envelopes) {
      byId.computeIfAbsent(envelope.get("id").asText(), id -> new ArrayList<>())
          .add(envelope.get("payload"));
    }
    return byId;
  }

  private static List<JsonNode> read(Path input) {
    try {
      List<JsonNode> envelopes = new ArrayList<>();
      for (String line : Files.readAllLines(input)) {
        if (!line.isBlank()) {
          envelopes.add(parse(line));
        }
      }
      return envelopes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + input, e);
    }
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + text, e);
    }
  }
}
