package dev.mom.bench;

import dev.mom.api.Consumer;
import dev.mom.core.internal.DeadLetters;
import dev.mom.core.internal.Dispatcher;
import dev.mom.core.internal.EnvelopeCodec;
import dev.mom.spi.InboundRecord;
import dev.mom.spi.Subscription;
import dev.mom.transport.inmemory.InMemoryBroker;
import io.github.resilience4j.retry.Retry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The dispatch path of one message, from the transport's {@code onRecord} to the acknowledgement:
 * decode, per-id lane, handler (which does nothing), ack and flow-control bookkeeping.
 *
 * <p>{@code inline} runs the workers on the calling thread, which measures the CPU cost per message
 * with no hand-off; {@code pool} hands each message to Mom's worker pool ({@code concurrency}
 * threads) and waits for a batch, which adds the cost of the hand-offs. Records come from {@code
 * orders.jsonl} with their ids as keys, as Kafka delivers them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DispatchBenchmark {
  private static final int BATCH = 1000;

  /** How many workers the pool variant has; Mom's default is 16. */
  @Param({"16"})
  public int concurrency;

  private final AtomicLong acked = new AtomicLong();
  private List<BenchRecord> records;
  private ExecutorService pool;
  private ScheduledExecutorService scheduler;
  private Dispatcher inline;
  private Dispatcher pooled;
  private int next;

  /** Builds the records and a dispatcher for each variant. */
  @Setup(Level.Trial)
  public void setUp() {
    String file = System.getProperty("mom.bench.orders");
    Orders orders = Orders.load(file == null ? null : Path.of(file));
    records =
        java.util.stream.IntStream.range(0, orders.size())
            .mapToObj(i -> new BenchRecord(orders.id(i), orders.line(i), acked))
            .toList();
    pool = Executors.newFixedThreadPool(concurrency);
    scheduler = Executors.newSingleThreadScheduledExecutor();
    inline = dispatcher(new CallerRuns());
    pooled = dispatcher(pool);
  }

  /** Stops the worker pool and the scheduler. */
  @TearDown(Level.Trial)
  public void tearDown() {
    pool.shutdownNow();
    scheduler.shutdownNow();
  }

  private Dispatcher dispatcher(ExecutorService workers) {
    InMemoryBroker broker = InMemoryBroker.create();
    Consumer nothing = message -> {};
    Dispatcher dispatcher =
        new Dispatcher(
            new Dispatcher.Parts(
                nothing,
                "bench",
                "orders",
                "bench",
                new EnvelopeCodec(),
                Retry.ofDefaults("bench"),
                new DeadLetters(broker.transport(), "bench", Optional.empty(), Clock.systemUTC()),
                workers,
                scheduler,
                BATCH * 2));
    dispatcher.attach(new NoFlowControl());
    return dispatcher;
  }

  /** One message through the dispatcher, workers on the calling thread. */
  @Benchmark
  public long inline() {
    inline.onRecord(nextRecord());
    return acked.get();
  }

  /** A batch of messages through the dispatcher and its worker pool, per message. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long pool() {
    long target = acked.get() + BATCH;
    for (int i = 0; i < BATCH; i++) {
      pooled.onRecord(nextRecord());
    }
    while (acked.get() < target) {
      Thread.onSpinWait();
    }
    return acked.get();
  }

  private BenchRecord nextRecord() {
    BenchRecord record = records.get(next);
    next = next + 1 == records.size() ? 0 : next + 1;
    return record;
  }

  /** A record as a transport hands it over; acknowledging only counts. */
  private record BenchRecord(String key, byte[] value, AtomicLong acked) implements InboundRecord {
    @Override
    public String topic() {
      return "orders";
    }

    @Override
    public Map<String, String> headers() {
      return Map.of();
    }

    @Override
    public String position() {
      return "benchmark";
    }

    @Override
    public void ack() {
      acked.incrementAndGet();
    }
  }

  /** A subscription whose flow control does nothing: the benchmark feeds records itself. */
  private static final class NoFlowControl implements Subscription {
    @Override
    public void pause() {}

    @Override
    public void resume() {}

    @Override
    public void close() {}
  }

  /** Runs every task on the calling thread at once. */
  private static final class CallerRuns extends AbstractExecutorService {
    @Override
    public void execute(Runnable command) {
      command.run();
    }

    @Override
    public void shutdown() {}

    @Override
    public List<Runnable> shutdownNow() {
      return List.of();
    }

    @Override
    public boolean isShutdown() {
      return false;
    }

    @Override
    public boolean isTerminated() {
      return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return false;
    }
  }
}
