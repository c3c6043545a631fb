package dev.mom.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mom.Mom;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * A consumer with a backlog: each side reads the whole backlog in a child JVM limited to {@value
 * #HEAP}, one a plain consumer loop, the other Mom with its defaults. Running out of memory ends
 * the child at once ({@code -XX:+ExitOnOutOfMemoryError}), which fails the pair.
 */
final class MemoryPair {
  static final String NAME = "memory";
  static final String HEAP = "-Xmx128m";
  static final String TARGET = "Mom reads the backlog with " + HEAP + ", no OutOfMemoryError";
  private static final String RESULT = "result=";

  private MemoryPair() {}

  static PairResult run(KafkaBench kafka, Orders orders, long count) {
    kafka.backlog(kafka.name(KafkaProducePair.RAW_TOPIC), count, orders::id, orders::payload);
    Outcome raw = child(kafka, "raw", count);
    Outcome mom = child(kafka, "mom", count);
    String note =
        "backlog of " + count + " messages; plain: " + raw.describe() + "; Mom: " + mom.describe();
    if (raw.side == null || mom.side == null) {
      return new PairResult(NAME, raw.side, mom.side, TARGET, false, note);
    }
    return new PairResult(NAME, raw.side, mom.side, TARGET, true, note);
  }

  private static Outcome child(KafkaBench kafka, String side, long count) {
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "memory-child",
            side,
            kafka.bootstrap(),
            kafka.name(KafkaProducePair.RAW_TOPIC),
            Long.toString(count),
            kafka.name("bench-memory-" + side)));
    args.addAll(kafka.momSettingArguments());
    Process process = ChildJvm.start(List.of(HEAP, "-XX:+ExitOnOutOfMemoryError"), args);
    try {
      process.getOutputStream().close();
      BufferedReader output = ChildJvm.output(process);
      Side result = null;
      for (String line = output.readLine(); line != null; line = output.readLine()) {
        if (line.startsWith(RESULT)) {
          result = Orders.JSON.readValue(line.substring(RESULT.length()), Side.class);
        }
      }
      boolean ended = process.waitFor(Progress.timeoutFor(count).toMillis(), TimeUnit.MILLISECONDS);
      int exit = ended ? process.exitValue() : -1;
      return new Outcome(exit == 0 ? result : null, exit);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the child JVM's output", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the child JVM", e);
    } finally {
      process.destroyForcibly();
    }
  }

  /**
   * Runs one side in this JVM and prints its result on standard output; the child's main.
   *
   * @param args the side ({@code raw} or {@code mom}), the bootstrap servers, the topic, the count,
   *     the group, then Mom settings as {@code key=value}
   */
  static void runChild(List<String> args) throws IOException {
    String side = args.get(0);
    String bootstrap = args.get(1);
    String topic = args.get(2);
    long count = Long.parseLong(args.get(3));
    String group = args.get(4);
    Map<String, String> settings = new HashMap<>();
    for (String setting : args.subList(5, args.size())) {
      int equals = setting.indexOf('=');
      settings.put(setting.substring(0, equals), setting.substring(equals + 1));
    }
    HeapPeak.reset();
    Progress progress = new Progress(count);
    if (side.equals("mom")) {
      readWithMom(bootstrap, settings, topic, group, progress);
    } else {
      readPlain(bootstrap, topic, group, progress);
    }
    Side result = Side.of(count, progress.nanos(), HeapPeak.read());
    System.out.println(RESULT + Orders.JSON.writeValueAsString(result));
    System.out.flush();
  }

  private static void readWithMom(
      String bootstrap,
      Map<String, String> settings,
      String topic,
      String group,
      Progress progress) {
    try (Mom mom = KafkaBench.momOn(bootstrap, settings).build()) {
      mom.register(message -> progress.handled(), group, topic);
      mom.start();
      progress.await(Progress.timeoutFor(progress.target()));
    }
  }

  private static void readPlain(String bootstrap, String topic, String group, Progress progress) {
    var config = KafkaBench.consumerConfig(bootstrap, group);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Progress.timeoutFor(progress.target()).toNanos();
      while (!progress.isDone() && System.nanoTime() < deadline) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
        for (ConsumerRecord<byte[], byte[]> record : records) {
          JsonNode ignored = Orders.parse(record.value());
          progress.handled();
        }
        if (!records.isEmpty()) {
          consumer.commitAsync();
        }
      }
      consumer.commitSync();
    }
    progress.await(Duration.ZERO);
  }

  /** How a child ended: its side if it finished, and its exit status. */
  private record Outcome(Side side, int exit) {
    String describe() {
      if (side != null) {
        return "finished";
      }
      return exit == 3 || exit == 1
          ? "FAILED (exit " + exit + ", out of memory or error, see its output above)"
          : "FAILED (exit " + exit + ")";
    }
  }
}
