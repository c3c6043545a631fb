package dev.mom.bench;

import dev.mom.Mom;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * A plain {@link KafkaConsumer} loop that parses each value with Jackson and commits after each
 * poll, against a Mom consumer whose handler does nothing; both at least once, both reading the
 * same backlog in groups of their own. Each side is timed from its first message to its last, so
 * joining the group is not counted.
 */
final class KafkaConsumePair {
  static final String NAME = "kafka-consume";
  static final String TARGET = "Mom/raw >= 0.95";
  private static final Duration POLL = Duration.ofMillis(100);

  private KafkaConsumePair() {}

  static PairResult run(KafkaBench kafka, Orders orders, long count) {
    kafka.backlog(kafka.name(KafkaProducePair.RAW_TOPIC), count, orders::id, orders::payload);
    Side raw = raw(kafka, count);
    Side mom = mom(kafka, count);
    double ratio = mom.messagesPerSecond() / raw.messagesPerSecond();
    String note =
        count
            + " messages a side; plain loop commits asynchronously after each poll; Mom with "
            + kafka.describeMomSettings();
    return new PairResult(NAME, raw, mom, TARGET, ratio >= 0.95, note);
  }

  private static Side raw(KafkaBench kafka, long count) {
    HeapPeak.reset();
    Progress progress = new Progress(count);
    try (KafkaConsumer<byte[], byte[]> consumer = kafka.consumer(kafka.name("bench-consume-raw"))) {
      consumer.subscribe(List.of(kafka.name(KafkaProducePair.RAW_TOPIC)));
      long deadline = System.nanoTime() + Progress.timeoutFor(count).toNanos();
      while (!progress.isDone() && System.nanoTime() < deadline) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
        for (ConsumerRecord<byte[], byte[]> record : records) {
          Orders.parse(record.value());
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

  private static Side mom(KafkaBench kafka, long count) {
    HeapPeak.reset();
    Progress progress = new Progress(count);
    try (Mom mom = kafka.mom().build()) {
      mom.register(
          message -> progress.handled(),
          kafka.name("bench-consume-mom"),
          kafka.name(KafkaProducePair.RAW_TOPIC));
      mom.start();
      progress.await(Progress.timeoutFor(count));
    }
    return Side.of(count, progress.nanos(), HeapPeak.read());
  }
}
