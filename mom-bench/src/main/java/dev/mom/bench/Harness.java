package dev.mom.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs the chosen pairs one after another on one broker and collects their results. A pair that
 * fails is reported as failed with its error, and the others still run. Not thread-safe.
 */
public final class Harness {
  private static final Set<String> KAFKA_PAIRS =
      Set.of("kafka-produce", "kafka-consume", "io-bound", "latency", "memory");

  private final Options options;
  private final PrintStream out;

  /**
   * Creates a harness.
   *
   * @param options what to run
   * @param out where progress and the table are printed
   */
  public Harness(Options options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  /**
   * Runs the pairs, prints the table and writes the JSON file if one was named.
   *
   * @return the results, in the order run
   * @throws java.io.UncheckedIOException if the orders or the JSON file cannot be read or written
   */
  public List<PairResult> run() throws InterruptedException {
    Orders orders = Orders.load(options.data());
    out.printf("Load average at the start: %.2f%n", Report.loadAverage());
    out.printf(
        "Orders: %d distinct messages from %s, %d bytes on average%n",
        orders.size(), orders.file(), orders.meanLineBytes());
    List<PairResult> results = new ArrayList<>();
    if (warmUpCount() > 0 && options.runs(InMemoryPair.NAME)) {
      out.printf("Warming up (unmeasured): in-memory, %d messages a side%n", warmUpCount());
      InMemoryPair.run(orders, warmUpCount());
    }
    if (options.runs(InMemoryPair.NAME)) {
      results.add(attempt(InMemoryPair.NAME, InMemoryPair.TARGET, () -> inMemory(orders)));
    }
    if (KAFKA_PAIRS.stream().anyMatch(options::runs)) {
      results.addAll(kafkaPairs(orders));
    }
    if (options.runs(PubSubPair.NAME)) {
      results.add(
          attempt(
              PubSubPair.NAME,
              PubSubPair.TARGET,
              () -> PubSubPair.run(orders, options.pubsubCount())));
    }
    Report.print(results, out);
    if (options.out() != null) {
      Report.writeJson(results, options, options.out());
      out.println("Results written to " + options.out());
    }
    return results;
  }

  private PairResult inMemory(Orders orders) throws InterruptedException {
    return InMemoryPair.run(orders, options.count());
  }

  private List<PairResult> kafkaPairs(Orders orders) {
    List<PairResult> results = new ArrayList<>();
    out.println("Starting the Kafka broker (KRaft, one node, child JVM)...");
    try (BrokerProcess broker = BrokerProcess.start();
        KafkaBench kafka = new KafkaBench(broker.bootstrapServers(), options.momSettings())) {
      out.println("Kafka broker at " + broker.bootstrapServers());
      warmUpKafka(kafka, orders);
      long count = options.count();
      if (options.runs(KafkaProducePair.NAME)) {
        results.add(
            attempt(
                KafkaProducePair.NAME,
                KafkaProducePair.TARGET,
                () -> KafkaProducePair.run(kafka, orders, count)));
      }
      if (options.runs(KafkaConsumePair.NAME)) {
        results.add(
            attempt(
                KafkaConsumePair.NAME,
                KafkaConsumePair.TARGET,
                () -> KafkaConsumePair.run(kafka, orders, count)));
      }
      if (options.runs(IoBoundPair.NAME)) {
        results.add(
            attempt(
                IoBoundPair.NAME,
                IoBoundPair.TARGET,
                () ->
                    IoBoundPair.run(kafka, orders, options.ioPlainCount(), options.ioMomCount())));
      }
      if (options.runs(LatencyPair.NAME)) {
        results.add(
            attempt(
                LatencyPair.NAME,
                LatencyPair.TARGET,
                () ->
                    LatencyPair.run(kafka, orders, options.latencyCount(), options.latencyRate())));
      }
      if (options.runs(MemoryPair.NAME)) {
        results.add(
            attempt(
                MemoryPair.NAME, MemoryPair.TARGET, () -> MemoryPair.run(kafka, orders, count)));
      }
    }
    return results;
  }

  /**
   * Returns the messages a side of the unmeasured warm-up pass: without it, the side that runs
   * first would also pay for warming the JIT, the client code and the broker. None in smoke runs.
   */
  private long warmUpCount() {
    return options.count() >= 100_000 ? Math.min(options.count() / 10, 50_000) : 0;
  }

  private void warmUpKafka(KafkaBench kafka, Orders orders) {
    long count = warmUpCount();
    boolean wanted = options.runs(KafkaProducePair.NAME) || options.runs(KafkaConsumePair.NAME);
    if (count == 0 || !wanted) {
      return;
    }
    out.printf("Warming up (unmeasured): Kafka produce and consume, %d messages a side%n", count);
    kafka.pass("warm-up");
    try {
      KafkaProducePair.run(kafka, orders, count);
      KafkaConsumePair.run(kafka, orders, count);
    } finally {
      kafka.pass("");
    }
  }

  private PairResult attempt(String name, String target, PairRun run) {
    out.println("Running " + name + "...");
    long start = System.nanoTime();
    PairResult result;
    try {
      result = run.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      result = new PairResult(name, null, null, target, false, "FAILED: interrupted");
    } catch (RuntimeException e) {
      result = new PairResult(name, null, null, target, false, "FAILED: " + e);
      e.printStackTrace(out);
    }
    out.printf("  %s done in %.1f s%n", name, (System.nanoTime() - start) / 1e9);
    return result;
  }

  /** One pair's run. */
  @FunctionalInterface
  private interface PairRun {
    PairResult run() throws InterruptedException;
  }
}
