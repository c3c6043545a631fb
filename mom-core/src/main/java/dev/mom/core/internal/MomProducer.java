package dev.mom.core.internal;

import dev.mom.api.MomException;
import dev.mom.api.Producer;
import dev.mom.spi.OutboundRecord;
import dev.mom.spi.Transport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes envelopes to one topic through the transport. Thread-safe.
 *
 * <p>Each message gets a unique message id in the {@code mom-message-id} header: a random prefix
 * drawn once per producer and a counter, which is unique without the cost of a random UUID per
 * message.
 */
public final class MomProducer implements Producer {
  /** The header that carries the unique message id. */
  public static final String MESSAGE_ID_HEADER = "mom-message-id";

  private static final String EVENT_TYPE = "";
  private static final String VERSION = "1.0";

  private final String topic;
  private final Transport transport;
  private final EnvelopeCodec codec;
  private final Clock clock;
  private final String idPrefix = UUID.randomUUID() + "-";
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicLong pending = new AtomicLong();
  private volatile boolean closed;

  /** Creates a producer for a topic. */
  public MomProducer(String topic, Transport transport, EnvelopeCodec codec, Clock clock) {
    this.topic = Objects.requireNonNull(topic, "topic");
    this.transport = transport;
    this.codec = codec;
    this.clock = clock;
  }

  @Override
  public String topic() {
    return topic;
  }

  @Override
  public void write(String id, Object payload) {
    try {
      writeAsync(id, payload).get();
    } catch (ExecutionException failed) {
      throw asMomException(failed.getCause(), id);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new MomException("interrupted while writing", interrupted, topic, id, transport.name());
    }
  }

  @Override
  public CompletableFuture<Void> writeAsync(String id, Object payload) {
    if (closed) {
      throw new IllegalStateException("producer for topic " + topic + " is closed");
    }
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("id must be a non-empty string");
    }
    byte[] value = codec.encode(id, payload, EVENT_TYPE, VERSION, Instant.now(clock));
    Map<String, String> headers = Map.of(MESSAGE_ID_HEADER, idPrefix + sequence.incrementAndGet());

    pending.incrementAndGet();
    return transport
        .send(new OutboundRecord(topic, id, value, headers))
        .handle(
            (ignored, error) -> {
              done();
              if (error != null) {
                throw asMomException(error, id);
              }
              return null;
            });
  }

  /** Returns whether this producer was closed. */
  public boolean isClosed() {
    return closed;
  }

  /** Waits up to the timeout for writes already started, then refuses new ones. */
  public void close(Duration timeout) {
    closed = true;
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (pending) {
      while (pending.get() > 0) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          return;
        }
        try {
          pending.wait(left);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }

  private void done() {
    if (pending.decrementAndGet() == 0 && closed) {
      synchronized (pending) {
        pending.notifyAll();
      }
    }
  }

  private MomException asMomException(Throwable error, String id) {
    Throwable cause = error instanceof CompletionException ? error.getCause() : error;
    if (cause instanceof MomException mom && mom.topic().isPresent()) {
      return mom;
    }
    String why = cause == null ? "unknown error" : String.valueOf(cause.getMessage());
    return new MomException(
        "could not write to topic " + topic + ": " + why, cause, topic, id, transport.name());
  }
}
