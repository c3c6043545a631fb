package dev.mom.cli;

import dev.mom.Mom;
import dev.mom.api.Message;
import dev.mom.api.RecoverableException;
import dev.mom.core.internal.EnvelopeCodec;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mom consume}: prints each message of a topic as one JSON line. */
@Command(
    name = "consume",
    description = {
      "Prints each message of a topic as one line of JSON.",
      "",
      "Each line is the message's envelope, numbers exact (a file of them is what produce"
          + " --file takes), and the message is acknowledged once printed. Runs until Ctrl-C,"
          + " --max-messages or --timeout. Invalid messages are not printed: they go where the"
          + " configuration sends them (dead-letter-topic, else an error line on stderr)."
    })
final class ConsumeCommand extends Subcommand {
  private static final EnvelopeCodec CODEC = new EnvelopeCodec();
  private static final String NEVER = "1h";

  @Parameters(index = "0", paramLabel = "TOPIC", description = "The topic to read.")
  String topic;

  @Option(
      names = "--group",
      paramLabel = "GROUP",
      description = "The consumer group. Default: a new group, mom-consume-<random>.")
  String group;

  @Option(
      names = "--from-beginning",
      description = {
        "A group new to the topic starts at its first message, not at the next one written.",
        "(Kafka; the in-memory broker always starts new groups at the first.)"
      })
  boolean fromBeginning;

  @Option(
      names = "--max-messages",
      paramLabel = "N",
      description = "Stop after N messages; later ones stay unacknowledged for the group.")
  Long maxMessages;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = Durations.class,
      description = "Stop after this long (10s, 2m); exit 1 if --max-messages were not reached.")
  Duration timeout;

  @Override
  public Integer call() throws InterruptedException {
    if (maxMessages != null && maxMessages < 1) {
      throw usage("--max-messages must be at least 1");
    }
    String groupName =
        group != null ? group : "mom-consume-" + UUID.randomUUID().toString().substring(0, 8);
    Printer printer = new Printer(out(), maxMessages == null ? Long.MAX_VALUE : maxMessages);

    try (Mom mom = consumerSettings().openMom()) {
      mom.register(printer::print, groupName, topic);
      mom.start();
      UntilStopped running = new UntilStopped(mom::close);
      stopWhenDone(running, printer);
      running.await();
    }
    err().printf("consumed %,d messages from %s (group %s)%n", printer.count(), topic, groupName);
    boolean incomplete = maxMessages != null && printer.count() < maxMessages;
    return incomplete ? MomCli.FAILED : MomCli.OK;
  }

  /**
   * One handler thread keeps the output in arrival order. A message past --max-messages must stay
   * unacknowledged: its handler fails, and the retry, an hour away, is cancelled by the shutdown
   * that follows at once, which hands the message back to the broker.
   */
  private CliSettings consumerSettings() {
    CliSettings settings =
        settings()
            .with("concurrency", "1")
            .with("retry-max-attempts", "1000")
            .with("retry-initial-backoff", NEVER)
            .with("retry-max-backoff", NEVER)
            .with("retry-jitter", "0");
    if (fromBeginning) {
      return settings.with("kafka.consumer", "auto.offset.reset", "earliest");
    }
    boolean chosen =
        settings.configures("kafka", "auto.offset.reset")
            || settings.configures("kafka.consumer", "auto.offset.reset");
    return chosen ? settings : settings.with("kafka.consumer", "auto.offset.reset", "latest");
  }

  private void stopWhenDone(UntilStopped running, Printer printer) {
    if (maxMessages == null && timeout == null) {
      return;
    }
    Thread stopper =
        new Thread(
            () -> {
              try {
                printer.awaitEnough(timeout);
              } catch (InterruptedException e) {
                // Stopping is what an interrupt asks for too; this thread ends right after.
              }
              running.stop();
            },
            "mom-consume-stop");
    stopper.setDaemon(true);
    stopper.start();
  }

  /** Prints messages until it has printed enough. Called by Mom's one handler thread. */
  private static final class Printer {
    private final PrintWriter out;
    private final long max;
    private final AtomicLong printed = new AtomicLong();
    private final CountDownLatch enough = new CountDownLatch(1);

    Printer(PrintWriter out, long max) {
      this.out = out;
      this.max = max;
    }

    void print(Message message) {
      if (printed.get() >= max) {
        throw new RecoverableException("past --max-messages: handed back unacknowledged");
      }
      out.println(Envelopes.line(message, CODEC.mapper()));
      out.flush();
      if (printed.incrementAndGet() >= max) {
        enough.countDown();
      }
    }

    void awaitEnough(Duration timeout) throws InterruptedException {
      if (timeout == null) {
        enough.await();
      } else {
        enough.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
      }
    }

    long count() {
      return printed.get();
    }
  }
}
