package dev.mom.cli;

import dev.mom.api.InvalidMessageException;
import dev.mom.core.internal.Envelope;
import dev.mom.core.internal.EnvelopeCodec;
import dev.mom.core.internal.MomProducer;
import dev.mom.spi.OutboundRecord;
import dev.mom.spi.Transport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Writes lines of envelopes to a topic as they are, keyed by their id, after checking each with
 * Mom's envelope codec: what goes out is exactly the line, with {@code event_type}, {@code
 * timestamp} and unknown fields kept. Each record carries a unique message id and its line number
 * ({@value #LINE_HEADER}) in its headers.
 *
 * <p>An invalid line is reported with the rule it breaks; it is skipped, or, for the demo, sent
 * anyway without a key, as a broken producer would. Sends overlap, a bounded number at a time;
 * lines with the same id go out in file order. Not thread-safe: one thread writes.
 */
final class LineWriter {
  /** The header that holds the line number of the record in its file. */
  static final String LINE_HEADER = "mom-file-line";

  private static final int MAX_PENDING = 10_000;

  private final Transport transport;
  private final String topic;
  private final EnvelopeCodec codec;
  private final boolean sendInvalid;
  private final Semaphore pending = new Semaphore(MAX_PENDING);
  private final List<Problem> failed = Collections.synchronizedList(new ArrayList<>());

  /** A line that was not sent, or not taken by the broker, and why. */
  record Problem(long line, String reason) {

    /** Returns {@code "line 12: invalid envelope: no `id`"}. */
    String text() {
      return "line " + line + ": " + reason;
    }
  }

  /**
   * What was written.
   *
   * @param lines the lines read, blank ones not counted
   * @param valid the lines that are valid envelopes
   * @param sent the records the broker took, invalid ones included when they were sent
   * @param invalid the lines that are not valid envelopes, in file order
   * @param failed the records the broker did not take
   */
  record Result(long lines, long valid, long sent, List<Problem> invalid, List<Problem> failed) {}

  LineWriter(Transport transport, String topic, EnvelopeCodec codec, boolean sendInvalid) {
    this.transport = transport;
    this.topic = topic;
    this.codec = codec;
    this.sendInvalid = sendInvalid;
  }

  /** Where the lines come from: a file read as it goes, or lines in memory. */
  interface Source {
    /** Returns the next line, or {@code null} at the end. */
    JsonLines.Line next() throws IOException;

    /** Returns a source over lines held in memory. */
    static Source of(List<JsonLines.Line> lines) {
      Iterator<JsonLines.Line> iterator = lines.iterator();
      return () -> iterator.hasNext() ? iterator.next() : null;
    }
  }

  /**
   * Writes every line and waits until the broker took or refused each.
   *
   * @param lines the lines, in file order
   * @param onInvalid told of each invalid line as it is read
   * @param progress called after each line with the number of lines read
   * @throws IOException if reading the lines fails
   * @throws InterruptedException if interrupted while waiting for the broker
   */
  Result write(Source lines, Consumer<Problem> onInvalid, LongConsumer progress)
      throws IOException, InterruptedException {
    long count = 0;
    long valid = 0;
    long sends = 0;
    List<Problem> invalid = new ArrayList<>();
    for (JsonLines.Line line = lines.next(); line != null; line = lines.next()) {
      count++;
      String key = null;
      try {
        Envelope envelope = codec.decode(line.bytes());
        key = envelope.id();
        valid++;
      } catch (InvalidMessageException e) {
        Problem problem = new Problem(line.number(), e.getMessage());
        invalid.add(problem);
        onInvalid.accept(problem);
      }
      if (key != null || sendInvalid) {
        send(line, key);
        sends++;
      }
      progress.accept(count);
    }
    pending.acquire(MAX_PENDING);
    pending.release(MAX_PENDING);
    List<Problem> notTaken = new ArrayList<>(failed);
    notTaken.sort(Comparator.comparingLong(Problem::line));
    return new Result(count, valid, sends - notTaken.size(), invalid, notTaken);
  }

  private void send(JsonLines.Line line, String key) throws InterruptedException {
    Map<String, String> headers =
        Map.of(
            MomProducer.MESSAGE_ID_HEADER,
            UUID.randomUUID().toString(),
            LINE_HEADER,
            Long.toString(line.number()));
    pending.acquire();
    CompletableFuture<Void> sending;
    try {
      sending = transport.send(new OutboundRecord(topic, key, line.bytes(), headers));
    } catch (RuntimeException refused) {
      sending = CompletableFuture.failedFuture(refused);
    }
    sending.whenComplete(
        (ignored, error) -> {
          if (error != null) {
            failed.add(new Problem(line.number(), "not sent: " + reason(error)));
          }
          pending.release();
        });
  }

  private static String reason(Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    return String.valueOf(cause.getMessage());
  }
}
