package dev.mom.bench;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.mom.core.internal.Envelope;
import dev.mom.core.internal.EnvelopeCodec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Mom's envelope codec on orders-shaped messages, beside plain Jackson doing the nearest thing
 * (tree parse, tree write), so the codec's own cost (UTF-8 check, exact numbers, limits, field
 * checks) shows as the difference.
 *
 * <p>Each call takes the next message of {@code orders.jsonl}, in a cycle, so the mix of sizes
 * (attachments of 27–80 KB in 1% of messages) is the file's. The file is the one named by the
 * system property {@code mom.bench.orders}, else found as {@link Orders#load} says.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EnvelopeCodecBenchmark {
  private static final Instant TIMESTAMP = Instant.parse("2026-12-03T10:15:30.123Z");

  private static final ObjectMapper STRICT =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();
  private static final DateTimeFormatter TIMESTAMP_FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private EnvelopeCodec codec;
  private byte[][] lines;
  private String[] ids;
  private JsonNode[] payloads;
  private int next;

  /** Loads the orders and makes the codec. */
  @Setup
  public void setUp() {
    String file = System.getProperty("mom.bench.orders");
    Orders orders = Orders.load(file == null ? null : Path.of(file));
    codec = new EnvelopeCodec();
    int size = orders.size();
    lines = new byte[size][];
    ids = new String[size];
    payloads = new JsonNode[size];
    for (int i = 0; i < size; i++) {
      lines[i] = orders.line(i);
      ids[i] = orders.id(i);
      payloads[i] = codec.decode(lines[i]).payload();
    }
  }

  private int next() {
    int i = next;
    next = i + 1 == lines.length ? 0 : i + 1;
    return i;
  }

  /** Mom decodes one message. */
  @Benchmark
  public Envelope decode() {
    return codec.decode(lines[next()]);
  }

  /** Mom encodes one message, as its producer does. */
  @Benchmark
  public byte[] encode() {
    int i = next();
    return codec.encode(ids[i], payloads[i], "", "1.0", TIMESTAMP);
  }

  /** Plain Jackson parses one message into a tree: the baseline of {@link #decode()}. */
  @Benchmark
  public JsonNode jacksonReadTree() {
    return Orders.parse(lines[next()]);
  }

  /**
   * Plain Jackson with duplicate detection at every level, as the codec parses: the difference to
   * {@link #jacksonReadTree()} is what that detection costs.
   */
  @Benchmark
  public JsonNode jacksonReadTreeStrict() throws IOException {
    return STRICT.readTree(lines[next()]);
  }

  /** Formats one timestamp as the codec's encode does: part of {@link #encode()}'s cost. */
  @Benchmark
  public String timestamp() {
    return TIMESTAMP_FORMAT.format(TIMESTAMP.plusMillis(next()));
  }

  /** Plain Jackson writes one {@code {id, payload}} envelope: the baseline of {@link #encode()}. */
  @Benchmark
  public byte[] jacksonWrite() {
    int i = next();
    return Orders.envelope(ids[i], payloads[i]);
  }
}
