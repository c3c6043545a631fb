package dev.mom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mom.Mom;
import dev.mom.MomSettings;
import dev.mom.api.InvalidMessageException;
import dev.mom.core.internal.Envelope;
import dev.mom.core.internal.EnvelopeCodec;
import dev.mom.core.internal.TransportSelector;
import dev.mom.kafka.embedded.EmbeddedKafka;
import dev.mom.spi.InboundRecord;
import dev.mom.spi.SubscribeRequest;
import dev.mom.spi.Subscription;
import dev.mom.spi.Transport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mom demo}: the echo service end to end on an embedded Kafka broker. */
@Command(
    name = "demo",
    description = {
      "Runs the echo service end to end on an embedded Kafka broker.",
      "",
      "Starts a Kafka broker (KRaft) in this JVM and the echo service (group EchoGroup,"
          + " test.mom.consume to test.mom.produce, invalid messages to test.mom.consume.dead),"
          + " writes order events as an upstream system would, invalid lines included, reads"
          + " the echoes back and checks that every id's events came back complete, unchanged"
          + " and in order. Prints what was produced, echoed and dead-lettered (with the"
          + " reasons), the order check, the rate and the time.",
      "",
      "Input: generated orders (many ids, several events each with a seq, many scripts, big"
          + " numbers, a few large payloads, a few invalid lines), or --input FILE.",
      "",
      "Exits 1 if a message was lost, changed or out of order. Ignores --config, --transport"
          + " and --bootstrap: it brings its own broker. --verbose shows the service's log."
    })
final class DemoCommand extends Subcommand {
  static final String FROM = "test.mom.consume";
  static final String TO = "test.mom.produce";
  static final String DEAD = FROM + ".dead";
  static final String GROUP = "EchoGroup";
  private static final String CHECK_GROUP = "mom-demo-check";
  private static final String ERROR_HEADER = "mom-error-message";
  private static final EnvelopeCodec CODEC = new EnvelopeCodec();

  @Option(
      names = "--input",
      paramLabel = "FILE",
      description = "A file of envelopes, one a line, instead of the generated orders.")
  Path input;

  @Option(
      names = "--orders",
      paramLabel = "N",
      defaultValue = "1000",
      description = "How many order ids to generate. Default: ${DEFAULT-VALUE}.")
  int orders;

  @Option(
      names = "--seed",
      paramLabel = "SEED",
      defaultValue = "7",
      description = "The seed of the generated orders. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "30s",
      converter = Durations.class,
      description = "Give up when nothing came back for this long. Default: ${DEFAULT-VALUE}.")
  Duration timeout;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (input == null && orders < 1) {
      throw usage("--orders must be at least 1");
    }
    quietUnlessVerbose();
    List<JsonLines.Line> lines = lines();
    out().println("Mom demo: the echo service on an embedded Kafka broker");
    out().printf("input          %s%n", describeInput(lines.size()));
    out().flush();
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      out().printf("broker         %s (KRaft, in this JVM)%n", kafka.bootstrapServers());
      out().flush();
      Report report = run(settings(kafka), lines);
      report.print(out());
      return report.ok() ? MomCli.OK : MomCli.FAILED;
    }
  }

  /**
   * The service's warnings are the demo's subject (each dead letter is one) and the report lists
   * them; the log would only repeat them. Takes effect before Mom's loggers exist.
   */
  private void quietUnlessVerbose() {
    if (!cli().verbose()) {
      System.setProperty("org.slf4j.simpleLogger.log.dev.mom", "error");
    }
  }

  private List<JsonLines.Line> lines() throws IOException {
    if (input != null) {
      return JsonLines.readAll(input);
    }
    return JsonLines.numbered(SampleOrders.generate(orders, seed, CODEC.mapper()));
  }

  private String describeInput(int count) {
    if (input != null) {
      return String.format("%s, %,d lines", input, count);
    }
    return String.format("%,d generated orders, %,d lines (seed %d)", orders, count, seed);
  }

  private static MomSettings settings(EmbeddedKafka kafka) {
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("transport", "kafka");
    keys.put("kafka-bootstrap-brokers", kafka.bootstrapServers());
    keys.put("dead-letter-topic", "{topic}.dead");
    keys.put("concurrency", "32");
    return MomSettings.of("demo", keys, Map.of());
  }

  /** Starts the service and the readers, writes the lines, waits for what comes back. */
  private Report run(MomSettings settings, List<JsonLines.Line> lines)
      throws IOException, InterruptedException {
    Expected expected = Expected.of(lines);
    Arrivals arrivals = new Arrivals();
    try (Mom service = Mom.create(settings);
        Mom checker = Mom.create(settings);
        Transport transport = TransportSelector.open(settings, DemoCommand.class.getClassLoader());
        Subscription deadLetters = readDeadLetters(transport, arrivals)) {
      service.register(new Echo(service.producer(TO)), GROUP, FROM);
      checker.register(
          message -> arrivals.echoed(message.id(), message.payload()), CHECK_GROUP, TO);
      service.start();
      checker.start();

      long start = System.nanoTime();
      LineWriter.Result written = write(transport, lines);
      boolean complete = awaitEchoes(arrivals, written, expected);
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      return new Report(written, expected, arrivals, complete, elapsed);
    }
  }

  private static Subscription readDeadLetters(Transport transport, Arrivals arrivals) {
    SubscribeRequest request = new SubscribeRequest(CHECK_GROUP, DEAD, 1000);
    return transport.subscribe(
        request,
        record -> {
          arrivals.deadLetter(deadLetter(record));
          record.ack();
        });
  }

  private static Arrivals.DeadLetter deadLetter(InboundRecord record) {
    String line = record.headers().getOrDefault(LineWriter.LINE_HEADER, "0");
    String error = record.headers().getOrDefault(ERROR_HEADER, "(no error recorded)");
    try {
      return new Arrivals.DeadLetter(Long.parseLong(line), error);
    } catch (NumberFormatException notALineNumber) {
      return new Arrivals.DeadLetter(0, error);
    }
  }

  private LineWriter.Result write(Transport transport, List<JsonLines.Line> lines)
      throws IOException, InterruptedException {
    Progress progress = Progress.onTerminal(err(), "lines written");
    LineWriter writer = new LineWriter(transport, FROM, CODEC, true);
    LineWriter.Result result =
        writer.write(
            LineWriter.Source.of(lines),
            invalid -> {},
            count -> progress.update(count, lines.size(), count));
    progress.finish();
    return result;
  }

  private boolean awaitEchoes(Arrivals arrivals, LineWriter.Result written, Expected expected)
      throws InterruptedException {
    long deadLetters = written.sent() - expected.count();
    return arrivals.await(expected.count(), deadLetters, timeout.toMillis());
  }

  /** The valid lines' payloads by id, in file order. */
  record Expected(Map<String, List<JsonNode>> byId, long count) {
    static Expected of(List<JsonLines.Line> lines) {
      Map<String, List<JsonNode>> byId = new LinkedHashMap<>();
      long count = 0;
      for (JsonLines.Line line : lines) {
        try {
          Envelope envelope = CODEC.decode(line.bytes());
          byId.computeIfAbsent(envelope.id(), id -> new ArrayList<>()).add(envelope.payload());
          count++;
        } catch (InvalidMessageException invalid) {
          // Counted by the writer, which sends it as it is; the service must dead-letter it.
        }
      }
      return new Expected(byId, count);
    }
  }

  /** What the demo saw, and whether that is what was written. */
  private static final class Report {
    private final LineWriter.Result written;
    private final Expected expected;
    private final long echoed;
    private final List<Arrivals.DeadLetter> deadLetters;
    private final Verdict verdict;
    private final boolean complete;
    private final Duration elapsed;

    Report(
        LineWriter.Result written,
        Expected expected,
        Arrivals arrivals,
        boolean complete,
        Duration elapsed) {
      this.written = written;
      this.expected = expected;
      this.echoed = arrivals.echoedCount();
      this.deadLetters = arrivals.deadLetters();
      this.verdict = Verdict.of(expected.byId(), arrivals.echoedById());
      this.complete = complete;
      this.elapsed = elapsed;
    }

    boolean ok() {
      return complete
          && verdict.ok()
          && written.failed().isEmpty()
          && deadLetters.size() == written.invalid().size();
    }

    void print(PrintWriter out) {
      double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
      out.printf("produced       %,d envelopes to %s%s%n", expected.count(), FROM, invalidLines());
      written.failed().forEach(problem -> out.println("  " + problem.text()));
      out.printf("echoed         %,d to %s by group %s%n", echoed, TO, GROUP);
      out.printf("dead-lettered  %,d to %s%n", deadLetters.size(), DEAD);
      deadLetters.forEach(dead -> out.printf("  line %d: %s%n", dead.line(), dead.error()));
      out.printf("per-id order   %s%n", order());
      out.printf("elapsed        %.2f s%n", seconds);
      out.printf("messages/s     %,.0f%n", echoed / seconds);
      out.printf("result         %s%n", ok() ? "OK" : "FAILED" + (complete ? "" : ": timed out"));
      out.flush();
    }

    private String invalidLines() {
      int invalid = written.invalid().size();
      return invalid == 0 ? "" : String.format(", and %,d invalid lines as written", invalid);
    }

    private String order() {
      if (verdict.ok()) {
        String twice =
            verdict.duplicated().isEmpty()
                ? ""
                : String.format(
                    " (%,d ids had a message delivered twice)", verdict.duplicated().size());
        return String.format(
            "verified: %,d ids, every event back once, unchanged, in order%s",
            verdict.ids(), twice);
      }
      return String.format(
          "BROKEN: lost or changed %s, out of order %s, unexpected %s",
          first(verdict.lost()), first(verdict.outOfOrder()), first(verdict.unexpected()));
    }

    private static String first(List<String> ids) {
      return ids.size() <= 5 ? ids.toString() : ids.subList(0, 5) + " and " + (ids.size() - 5);
    }
  }
}
