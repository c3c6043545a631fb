package dev.mom.tck;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The shared test data, found through the system property {@code mom.data.dir}. */
final class SharedData {

  /** Reads numbers exactly, as Mom does, so that payloads compare by value. */
  static final ObjectMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  /** Numbers are equal by value whatever their node type (an int and a long of 5, say). */
  private static final Comparator<JsonNode> SAME_VALUE =
      (a, b) -> {
        if (a.equals(b)) {
          return 0;
        }
        if (a.isNumber() && b.isNumber()) {
          return a.decimalValue().compareTo(b.decimalValue());
        }
        return 1;
      };

  /** One line of {@code orders.jsonl}. */
  record Envelope(String id, JsonNode payload) {}

  private SharedData() {}

  /** Returns the data directory. */
  static Path dir() {
    String dir = System.getProperty("mom.data.dir");
    if (dir == null || dir.isBlank()) {
      throw new IllegalStateException(
          "system property mom.data.dir is not set: it must name the shared test data directory");
    }
    Path path = Path.of(dir);
    if (!Files.isDirectory(path)) {
      throw new IllegalStateException(
          "the shared test data directory " + path + " (system property mom.data.dir) is missing");
    }
    return path;
  }

  /** Returns the envelopes of {@code orders.jsonl}, in file order. */
  static List<Envelope> orders() {
    try (Stream<String> lines = Files.lines(dir().resolve("orders.jsonl"))) {
      return lines.filter(line -> !line.isBlank()).map(SharedData::envelope).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Envelope envelope(String line) {
    JsonNode node = parse(line);
    return new Envelope(node.get("id").asText(), node.get("payload"));
  }

  /** Returns the files of a data subdirectory, by name. */
  static List<Path> files(String subdirectory) {
    try (Stream<Path> files = Files.list(dir().resolve(subdirectory))) {
      return files.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns a file's bytes. */
  static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses JSON text, numbers exactly. */
  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns whether two JSON values are equal, numbers compared by value. */
  static boolean sameJson(JsonNode expected, JsonNode actual) {
    return actual != null && expected.equals(SAME_VALUE, actual);
  }
}
