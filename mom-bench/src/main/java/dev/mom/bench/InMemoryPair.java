package dev.mom.bench;

import dev.mom.Mom;
import dev.mom.api.Producer;
import dev.mom.transport.inmemory.InMemoryBroker;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Mom end to end on the in-memory transport (producer, broker, dispatcher, no-op handler) against
 * the reference of one {@link ArrayBlockingQueue} between two threads, Jackson serializing on one
 * side and parsing on the other.
 */
final class InMemoryPair {
  static final String NAME = "inmemory";
  static final String TARGET = "Mom/raw >= 0.8";
  private static final String TOPIC = "bench-inmemory";
  private static final String GROUP = "bench";

  private InMemoryPair() {}

  static PairResult run(Orders orders, long count) throws InterruptedException {
    Side raw = queue(orders, count);
    Side mom = mom(orders, count);
    double ratio = mom.messagesPerSecond() / raw.messagesPerSecond();
    String note =
        count
            + " messages a side; the in-memory broker keeps every message, as a log does, so"
            + " Mom's heap holds the whole topic";
    return new PairResult(NAME, raw, mom, TARGET, ratio >= 0.8, note);
  }

  private static Side queue(Orders orders, long count) throws InterruptedException {
    HeapPeak.reset();
    BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(1024);
    Thread writer = new Thread(() -> fill(queue, orders, count), "bench-queue-writer");
    long start = System.nanoTime();
    writer.start();
    for (long i = 0; i < count; i++) {
      Orders.parse(queue.take());
    }
    long nanos = System.nanoTime() - start;
    writer.join();
    return Side.of(count, nanos, HeapPeak.read());
  }

  private static void fill(BlockingQueue<byte[]> queue, Orders orders, long count) {
    try {
      for (long i = 0; i < count; i++) {
        queue.put(Orders.envelope(orders.id(i), orders.payload(i)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Side mom(Orders orders, long count) {
    HeapPeak.reset();
    InMemoryBroker broker = InMemoryBroker.builder().maxTopicSize(Math.max(count, 1)).build();
    Progress progress = new Progress(count);
    try (Mom mom = Mom.builder().transport(broker.transport()).build()) {
      mom.register(message -> progress.handled(), GROUP, TOPIC);
      mom.start();
      Producer producer = mom.producer(TOPIC);
      progress.startNow();
      for (long i = 0; i < count; i++) {
        producer.writeAsync(orders.id(i), orders.payload(i));
      }
      progress.await(Progress.timeoutFor(count));
      return Side.of(count, progress.nanos(), HeapPeak.read());
    }
  }
}
