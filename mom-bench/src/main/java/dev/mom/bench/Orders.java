package dev.mom.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The messages every benchmark sends: the lines of {@code orders.jsonl}, used in a cycle when more
 * messages are wanted than the file holds.
 *
 * <p>The file is found at the path given, else in the directory named by the system property {@code
 * mom.data.dir}, else at {@code ../shared/data/orders.jsonl} from the working directory. Immutable
 * and thread-safe once loaded; handlers must not change the payload trees.
 */
public final class Orders {

  /** Reads numbers exactly, as Mom does, so both sides of a pair carry the same values. */
  public static final ObjectMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  private final Path file;
  private final String[] ids;
  private final JsonNode[] payloads;
  private final byte[][] lines;

  private Orders(Path file, List<String> text) {
    this.file = file;
    int size = text.size();
    ids = new String[size];
    payloads = new JsonNode[size];
    lines = new byte[size][];
    for (int i = 0; i < size; i++) {
      JsonNode envelope = parse(text.get(i));
      ids[i] = envelope.get("id").asText();
      payloads[i] = envelope.get("payload");
      lines[i] = text.get(i).getBytes(StandardCharsets.UTF_8);
    }
  }

  /**
   * Loads the orders.
   *
   * @param explicit the file, or {@code null} to look it up as the class documentation says
   * @return the loaded orders
   * @throws UncheckedIOException if the file cannot be read
   * @throws IllegalStateException if the file is empty
   */
  public static Orders load(Path explicit) {
    Path file = explicit != null ? explicit : defaultFile();
    try (Stream<String> text = Files.lines(file, StandardCharsets.UTF_8)) {
      List<String> lines = text.filter(line -> !line.isBlank()).toList();
      if (lines.isEmpty()) {
        throw new IllegalStateException("no messages in " + file);
      }
      return new Orders(file, lines);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the orders from " + file, e);
    }
  }

  private static Path defaultFile() {
    String dir = System.getProperty("mom.data.dir");
    Path base = dir == null || dir.isBlank() ? Path.of("..", "shared", "data") : Path.of(dir);
    return base.resolve("orders.jsonl");
  }

  /** Returns the file the orders came from. */
  public Path file() {
    return file;
  }

  /** Returns how many distinct messages the file holds. */
  public int size() {
    return ids.length;
  }

  /** Returns the envelope id of message {@code i}, cycling through the file. */
  public String id(long i) {
    return ids[index(i)];
  }

  /** Returns the payload of message {@code i}, cycling through the file; do not change it. */
  public JsonNode payload(long i) {
    return payloads[index(i)];
  }

  /** Returns the wire bytes of message {@code i} as the file holds them; do not change them. */
  public byte[] line(long i) {
    return lines[index(i)];
  }

  /** Returns the mean size of a message on the wire, in bytes. */
  public long meanLineBytes() {
    long total = 0;
    for (byte[] line : lines) {
      total += line.length;
    }
    return total / lines.length;
  }

  /**
   * Returns a copy of payload {@code i} with {@code seq} and the extra fields set, for pairs that
   * check order or measure latency. Non-object payloads are wrapped as {@code {"value": ...}}.
   *
   * @param i the message number
   * @param seq the per-id sequence number to put in {@code seq}
   * @return a new object node
   */
  public ObjectNode payloadWithSeq(long i, long seq) {
    JsonNode payload = payload(i);
    ObjectNode copy =
        payload.isObject() ? ((ObjectNode) payload).deepCopy() : JSON.createObjectNode();
    if (!payload.isObject()) {
      copy.set("value", payload);
    }
    copy.put("seq", seq);
    return copy;
  }

  /** Returns the envelope {@code {"id": id, "payload": payload}} as a plain client writes it. */
  public static byte[] envelope(String id, JsonNode payload) {
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("id", id);
    envelope.set("payload", payload);
    try {
      return JSON.writeValueAsBytes(envelope);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses an envelope as a plain client does: Jackson's tree, exact decimals. */
  public static JsonNode parse(byte[] bytes) {
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode parse(String line) {
    return parse(line.getBytes(StandardCharsets.UTF_8));
  }

  private int index(long i) {
    return (int) (i % ids.length);
  }
}
