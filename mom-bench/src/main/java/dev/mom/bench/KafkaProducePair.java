package dev.mom.bench;

import dev.mom.Mom;
import dev.mom.api.Producer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A plain {@link KafkaProducer} sending envelopes it serializes with Jackson, against Mom's {@code
 * writeAsync}, with the same client settings. Each side is timed from its first send until the
 * broker acknowledged every message. The plain side's topic is the backlog the consume and memory
 * pairs then read.
 */
final class KafkaProducePair {
  static final String NAME = "kafka-produce";
  static final String TARGET = "Mom/raw >= 0.95";
  static final String RAW_TOPIC = "bench-orders";
  private static final String MOM_TOPIC = "bench-produce-mom";

  private KafkaProducePair() {}

  static PairResult run(KafkaBench kafka, Orders orders, long count) {
    kafka.createTopic(kafka.name(RAW_TOPIC));
    kafka.createTopic(kafka.name(MOM_TOPIC));
    Side raw = raw(kafka, orders, count);
    kafka.noteBacklog(kafka.name(RAW_TOPIC), count);
    Side mom = mom(kafka, orders, count);
    double ratio = mom.messagesPerSecond() / raw.messagesPerSecond();
    String note = count + " messages a side, acks=all with idempotence, 6 partitions";
    return new PairResult(NAME, raw, mom, TARGET, ratio >= 0.95, note);
  }

  private static Side raw(KafkaBench kafka, Orders orders, long count) {
    HeapPeak.reset();
    Progress progress = new Progress(count);
    AtomicLong failed = new AtomicLong();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerConfig())) {
      String topic = kafka.name(RAW_TOPIC);
      producer.partitionsFor(topic);
      progress.startNow();
      for (long i = 0; i < count; i++) {
        String id = orders.id(i);
        byte[] value = Orders.envelope(id, orders.payload(i));
        ProducerRecord<byte[], byte[]> record =
            new ProducerRecord<>(topic, id.getBytes(StandardCharsets.UTF_8), value);
        producer.send(record, (metadata, error) -> settle(progress, failed, error));
      }
      progress.await(Progress.timeoutFor(count));
    }
    checkNoFailures(failed);
    return Side.of(count, progress.nanos(), HeapPeak.read());
  }

  private static Side mom(KafkaBench kafka, Orders orders, long count) {
    HeapPeak.reset();
    Progress progress = new Progress(count);
    AtomicLong failed = new AtomicLong();
    try (Mom mom = kafka.mom().build()) {
      Producer producer = mom.producer(kafka.name(MOM_TOPIC));
      progress.startNow();
      for (long i = 0; i < count; i++) {
        producer
            .writeAsync(orders.id(i), orders.payload(i))
            .whenComplete((ignored, error) -> settle(progress, failed, error));
      }
      progress.await(Progress.timeoutFor(count));
    }
    checkNoFailures(failed);
    return Side.of(count, progress.nanos(), HeapPeak.read());
  }

  private static void settle(Progress progress, AtomicLong failed, Throwable error) {
    if (error != null) {
      failed.incrementAndGet();
    }
    progress.handled();
  }

  private static void checkNoFailures(AtomicLong failed) {
    if (failed.get() > 0) {
      throw new IllegalStateException(failed.get() + " sends failed");
    }
  }
}
