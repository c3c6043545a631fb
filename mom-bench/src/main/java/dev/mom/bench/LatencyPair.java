package dev.mom.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mom.Mom;
import dev.mom.api.Producer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * End-to-end latency at a fixed rate: from the send call to the handler, through the plain clients
 * (a {@link KafkaProducer} and a consumer loop) and through Mom (its producer and a consumer), each
 * on a topic of its own on the same broker. The payload carries the send time. Each side first
 * sends probes until its consumer sees one, so group joining is not measured, and the first second
 * of messages is dropped as warm-up.
 */
final class LatencyPair {
  static final String NAME = "latency";
  static final String TARGET = "Mom p99 - raw p99 <= 0.5 ms";
  private static final String PROBE = "probe";
  private static final String SENT = "bench_sent_nanos";

  private LatencyPair() {}

  static PairResult run(KafkaBench kafka, Orders orders, long count, int rate) {
    long warmUp = Math.min(rate, count / 5);
    // Whichever side runs first also warms the broker and the shared client code; a short
    // unmeasured round of each side first keeps that from counting against it.
    long warmUpRound = Math.min(count, 3L * rate);
    raw(kafka, orders, "warm-up", warmUpRound, rate, 0);
    mom(kafka, orders, "warm-up", warmUpRound, rate, 0);
    Side raw = raw(kafka, orders, "measured", count, rate, warmUp);
    Side mom = mom(kafka, orders, "measured", count, rate, warmUp);

    double added = mom.p99Millis() - raw.p99Millis();
    String note =
        String.format(
            "%d messages a side at %d msg/s (fewer than 1 M: at this rate 1 M takes %d s a"
                + " side) after an unmeasured round of each side (and the first %d dropped as"
                + " warm-up); Mom adds %.2f ms at p99",
            count, rate, 1_000_000 / rate, warmUp, added);
    return new PairResult(NAME, raw, mom, TARGET, added <= 0.5, note);
  }

  private static Side raw(
      KafkaBench kafka, Orders orders, String round, long count, int rate, long warmUp) {
    String topic = kafka.name("bench-latency-raw-" + round);
    kafka.createTopic(topic);
    HeapPeak.reset();
    Receiver receiver = new Receiver(count, warmUp);
    AtomicBoolean stop = new AtomicBoolean();
    Thread reader = new Thread(() -> read(kafka, topic, receiver, stop), "bench-latency-reader");
    reader.start();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerConfig())) {
      BiConsumer<String, JsonNode> send =
          (id, payload) ->
              producer.send(
                  new ProducerRecord<>(
                      topic, id.getBytes(StandardCharsets.UTF_8), Orders.envelope(id, payload)));
      probe(send, receiver);
      long nanos = paced(orders, count, rate, send);
      receiver.progress.await(Progress.timeoutFor(count));
      return Side.of(count, nanos, receiver.latencies, HeapPeak.read());
    } finally {
      stop.set(true);
      join(reader);
    }
  }

  private static void read(KafkaBench kafka, String topic, Receiver receiver, AtomicBoolean stop) {
    try (KafkaConsumer<byte[], byte[]> consumer = kafka.consumer("bench-latency-" + topic)) {
      consumer.subscribe(List.of(topic));
      while (!stop.get()) {
        var records = consumer.poll(Duration.ofMillis(100));
        for (ConsumerRecord<byte[], byte[]> record : records) {
          JsonNode envelope = Orders.parse(record.value());
          receiver.receive(envelope.get("id").asText(), envelope.get("payload"));
        }
        if (!records.isEmpty()) {
          consumer.commitAsync();
        }
      }
    }
  }

  private static Side mom(
      KafkaBench kafka, Orders orders, String round, long count, int rate, long warmUp) {
    String topic = kafka.name("bench-latency-mom-" + round);
    kafka.createTopic(topic);
    HeapPeak.reset();
    Receiver receiver = new Receiver(count, warmUp);
    try (Mom mom = kafka.mom().build()) {
      mom.register(
          message -> receiver.receive(message.id(), message.payload()),
          "bench-latency-" + topic,
          topic);
      mom.start();
      Producer producer = mom.producer(topic);
      BiConsumer<String, JsonNode> send = producer::writeAsync;
      probe(send, receiver);
      long nanos = paced(orders, count, rate, send);
      receiver.progress.await(Progress.timeoutFor(count));
      return Side.of(count, nanos, receiver.latencies, HeapPeak.read());
    }
  }

  /** Sends probes every 100 ms until the consumer has seen one: it has joined and is reading. */
  private static void probe(BiConsumer<String, JsonNode> send, Receiver receiver) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!receiver.probed && System.nanoTime() < deadline) {
      send.accept(PROBE, Orders.JSON.createObjectNode());
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }
    if (!receiver.probed) {
      throw new IllegalStateException("the consumer saw no probe within 60 s");
    }
  }

  /** Sends {@code count} messages at {@code rate} a second; returns how long that took. */
  private static long paced(
      Orders orders, long count, int rate, BiConsumer<String, JsonNode> send) {
    long interval = 1_000_000_000L / rate;
    long start = System.nanoTime();
    for (long i = 0; i < count; i++) {
      long due = start + i * interval;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      ObjectNode payload = orders.payloadWithSeq(i, i);
      payload.put(SENT, System.nanoTime());
      send.accept(orders.id(i), payload);
    }
    return System.nanoTime() - start;
  }

  private static void join(Thread thread) {
    try {
      thread.join(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Takes messages on the consumer's side and records their latency. Thread-safe. */
  private static final class Receiver {
    final Progress progress;
    final Latencies latencies;
    final long warmUp;
    volatile boolean probed;

    Receiver(long count, long warmUp) {
      this.progress = new Progress(count);
      this.latencies = new Latencies((int) Math.min(count, Integer.MAX_VALUE - 8));
      this.warmUp = warmUp;
    }

    void receive(String id, JsonNode payload) {
      long now = System.nanoTime();
      JsonNode sent = payload.get(SENT);
      if (sent == null) {
        probed |= PROBE.equals(id);
        return;
      }
      if (payload.get("seq").asLong() >= warmUp) {
        latencies.record(now - sent.asLong());
      }
      progress.handled();
    }
  }
}
