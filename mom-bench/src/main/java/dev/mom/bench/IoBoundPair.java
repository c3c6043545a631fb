package dev.mom.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mom.Mom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * An I/O-bound handler (each message sleeps 1 ms) over a topic of 6 partitions and 10,000 ids: a
 * plain single-threaded consumer loop against Mom with concurrency 64. Message {@code i} has id
 * {@code i mod 10,000} and {@code seq} {@code i / 10,000 + 1}, so Mom's handler can check that each
 * id's messages arrive one at a time, in order, with none missing.
 */
final class IoBoundPair {
  static final String NAME = "io-bound";
  static final String TARGET = "Mom/raw >= 40, per-id order kept";
  static final int IDS = 10_000;
  static final int CONCURRENCY = 64;
  private static final String TOPIC = "bench-io";
  private static final Duration POLL = Duration.ofMillis(100);

  private IoBoundPair() {}

  static PairResult run(KafkaBench kafka, Orders orders, long plainCount, long momCount)
      throws InterruptedException {
    kafka.backlog(
        kafka.name(TOPIC),
        Math.max(plainCount, momCount),
        i -> id(i),
        i -> orders.payloadWithSeq(i, i / IDS + 1));
    Side raw = plain(kafka, plainCount);
    OrderCheck order = new OrderCheck();
    Side mom = mom(kafka, momCount, order);

    double ratio = mom.messagesPerSecond() / raw.messagesPerSecond();
    String note =
        "plain loop on "
            + plainCount
            + " messages, Mom on "
            + momCount
            + " (at 1 ms a message the plain loop would need "
            + (momCount / 1000)
            + " s for Mom's count); per-id order: "
            + order.describe();
    return new PairResult(NAME, raw, mom, TARGET, ratio >= 40 && order.isKept(), note);
  }

  static String id(long i) {
    return String.format("ord-%06d", i % IDS);
  }

  private static Side plain(KafkaBench kafka, long count) throws InterruptedException {
    HeapPeak.reset();
    Progress progress = new Progress(count);
    try (KafkaConsumer<byte[], byte[]> consumer = kafka.consumer(kafka.name("bench-io-plain"))) {
      consumer.subscribe(List.of(kafka.name(TOPIC)));
      long deadline = System.nanoTime() + Progress.timeoutFor(count * 2).toNanos();
      while (!progress.isDone() && System.nanoTime() < deadline) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
        for (ConsumerRecord<byte[], byte[]> record : records) {
          Orders.parse(record.value());
          Thread.sleep(1);
          progress.handled();
        }
        if (!records.isEmpty()) {
          consumer.commitAsync();
        }
      }
      consumer.commitSync();
    }
    progress.await(Duration.ZERO);
    return Side.of(count, progress.nanos(), HeapPeak.read());
  }

  private static Side mom(KafkaBench kafka, long count, OrderCheck order) {
    HeapPeak.reset();
    Progress progress = new Progress(count);
    try (Mom mom = kafka.mom().concurrency(CONCURRENCY).build()) {
      mom.register(
          message -> {
            Thread.sleep(1);
            order.check(message.id(), message.payload());
            progress.handled();
          },
          kafka.name("bench-io-mom"),
          kafka.name(TOPIC));
      mom.start();
      progress.await(Progress.timeoutFor(count));
    }
    return Side.of(count, progress.nanos(), HeapPeak.read());
  }

  /** Checks that each id's {@code seq} goes 1, 2, 3 … as Mom hands the messages over. */
  static final class OrderCheck {
    private final Map<String, Long> last = new ConcurrentHashMap<>();
    private final AtomicLong broken = new AtomicLong();

    /** Checks one message; Mom calls this for one id at a time. */
    void check(String id, JsonNode payload) {
      JsonNode seq = payload.get("seq");
      long current = seq == null ? -1 : seq.asLong();
      long before = last.getOrDefault(id, 0L);
      if (current != before + 1) {
        broken.incrementAndGet();
      }
      last.put(id, current);
    }

    boolean isKept() {
      return broken.get() == 0 && !last.isEmpty();
    }

    String describe() {
      return isKept()
          ? "kept for all " + last.size() + " ids"
          : "BROKEN " + broken.get() + " times over " + last.size() + " ids";
    }
  }
}
