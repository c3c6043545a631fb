package dev.mom.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.mom.Mom;
import dev.mom.core.internal.EnvelopeCodec;
import dev.mom.spi.Transport;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mom produce}: writes one message, or a file of envelopes. */
@Command(
    name = "produce",
    description = {
      "Writes one message, or a file of envelopes.",
      "",
      "With ID and PAYLOAD, writes one message with Mom's producer; the payload is read as"
          + " JSON when it is JSON, else taken as a string.",
      "",
      "With --file, writes a file of envelopes, one JSON object a line, each exactly as"
          + " written, keyed by its id. Each line is first checked as Mom's consumers check"
          + " it: an invalid line is reported on stderr with its number and reason and not"
          + " sent, and the others still go. Shows progress on a terminal, then the count and"
          + " the rate; exits 1 if a line was not sent."
    })
final class ProduceCommand extends Subcommand {
  private static final EnvelopeCodec CODEC = new EnvelopeCodec();

  @Parameters(index = "0", paramLabel = "TOPIC", description = "The topic to write to.")
  String topic;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "ID",
      description = "The message id (the broker key).")
  String id;

  @Parameters(
      index = "2",
      arity = "0..1",
      paramLabel = "PAYLOAD",
      description = "The payload: JSON, or any text.")
  String payload;

  @Option(
      names = "--file",
      paramLabel = "FILE",
      description =
          "A file of envelopes, one a line ({\"id\": ..., \"payload\": ...}); - for stdin.")
  Path file;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (file != null && id != null) {
      throw usage("give either ID and PAYLOAD or --file, not both");
    }
    if (file == null && (id == null || payload == null)) {
      throw usage("give ID and PAYLOAD, or --file FILE");
    }
    return file == null ? writeOne() : writeFile();
  }

  private int writeOne() {
    if (id.isEmpty()) {
      throw usage("ID must not be empty");
    }
    try (Mom mom = settings().openMom()) {
      mom.producer(topic).write(id, parse(payload));
    }
    out().println("wrote " + id + " to " + topic);
    return MomCli.OK;
  }

  private int writeFile() throws IOException, InterruptedException {
    CliSettings settings = settings();
    long start = System.nanoTime();
    LineWriter.Result result;
    Progress progress = Progress.onTerminal(err(), "lines");
    try (JsonLines lines = JsonLines.open(file);
        Transport transport = settings.openTransport()) {
      LineWriter writer = new LineWriter(transport, topic, CODEC, false);
      result =
          writer.write(
              lines::next,
              problem -> {
                progress.finish();
                err().println(problem.text());
              },
              count -> progress.update(lines.bytesRead(), lines.size(), count));
      progress.finish();
    }
    double seconds = Math.max(System.nanoTime() - start, 1) / 1e9;
    result.failed().forEach(problem -> err().println(problem.text()));
    report(result, seconds);
    boolean complete = result.invalid().isEmpty() && result.failed().isEmpty();
    return complete ? MomCli.OK : MomCli.FAILED;
  }

  private void report(LineWriter.Result result, double seconds) {
    out()
        .printf(
            "sent %,d of %,d lines to %s in %.2f s (%,.0f messages/s)%n",
            result.sent(), result.lines(), topic, seconds, result.sent() / seconds);
    if (!result.invalid().isEmpty()) {
      out().printf("%,d invalid lines not sent%n", result.invalid().size());
    }
    if (!result.failed().isEmpty()) {
      out().printf("%,d lines refused by the broker%n", result.failed().size());
    }
  }

  /** Reads the payload as one JSON value; anything else, "42 apples" included, is a string. */
  static JsonNode parse(String text) {
    try {
      JsonNode node =
          CODEC
              .mapper()
              .reader()
              .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
              .readTree(text);
      return node == null || node.isMissingNode() ? TextNode.valueOf(text) : node;
    } catch (JsonProcessingException notJson) {
      return TextNode.valueOf(text);
    }
  }
}
