package dev.mom.transport.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mom.api.Producer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The shared orders file, read from {@code mom.data.dir}. */
final class Orders {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One line of the file. */
  record Order(String id, JsonNode payload) {

    /** Returns the order's sequence number, or 0 for messages without one (audit records). */
    int seq() {
      JsonNode seq = payload.path("seq");
      return seq.isInt() ? seq.intValue() : 0;
    }
  }

  private Orders() {}

  /** Returns the first lines of the orders file, or all of them. */
  static List<Order> read(int limit) {
    Path file = Path.of(System.getProperty("mom.data.dir"), "orders.jsonl");
    try (var lines = Files.lines(file)) {
      return lines.limit(limit).map(Orders::parse).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the orders with Mom's producer and waits until the broker has them all. */
  static void writeAll(Producer producer, List<Order> orders) throws Exception {
    CompletableFuture<?>[] writes =
        orders.stream()
            .map(o -> producer.writeAsync(o.id(), o.payload()))
            .toArray(CompletableFuture[]::new);
    CompletableFuture.allOf(writes).get(2, TimeUnit.MINUTES);
  }

  private static Order parse(String line) {
    try {
      JsonNode node = JSON.readTree(line);
      return new Order(node.get("id").asText(), node.get("payload"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
