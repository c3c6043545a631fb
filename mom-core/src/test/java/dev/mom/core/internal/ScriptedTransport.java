package dev.mom.core.internal;

import dev.mom.spi.InboundRecord;
import dev.mom.spi.OutboundRecord;
import dev.mom.spi.RecordListener;
import dev.mom.spi.SubscribeRequest;
import dev.mom.spi.Subscription;
import dev.mom.spi.Transport;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A transport the test drives by hand: it hands records to the listener when told, keeps what was
 * sent, and records acknowledgements and flow control. For testing the dispatcher's decisions one
 * at a time; the conformance suite runs the same behaviour over real transports.
 */
public final class ScriptedTransport implements Transport {
  /** What was sent, in order. */
  public final List<OutboundRecord> sent = new CopyOnWriteArrayList<>();

  final AtomicInteger pauses = new AtomicInteger();
  final AtomicInteger resumes = new AtomicInteger();
  public final AtomicBoolean subscriptionClosed = new AtomicBoolean();

  /** Decides the outcome of each send; by default the broker takes it. */
  public volatile Function<OutboundRecord, CompletableFuture<Void>> onSend =
      record -> CompletableFuture.completedFuture(null);

  private volatile RecordListener listener;
  private final AtomicInteger offsets = new AtomicInteger();

  @Override
  public String name() {
    return "scripted";
  }

  @Override
  public CompletableFuture<Void> send(OutboundRecord record) {
    sent.add(record);
    return onSend.apply(record);
  }

  @Override
  public Subscription subscribe(SubscribeRequest request, RecordListener listener) {
    this.listener = listener;
    return new Subscription() {
      @Override
      public void pause() {
        pauses.incrementAndGet();
      }

      @Override
      public void resume() {
        resumes.incrementAndGet();
      }

      @Override
      public void close() {
        subscriptionClosed.set(true);
      }
    };
  }

  /** Delivers one record and returns it, to check its acknowledgement later. */
  public Delivered deliver(String key, String value) {
    byte[] bytes = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    Delivered record = new Delivered("orders", key, bytes, offsets.getAndIncrement());
    listener.onRecord(record);
    return record;
  }

  @Override
  public void close() {}

  /** A delivered record that remembers what was done with it. */
  public static final class Delivered implements InboundRecord {
    public final AtomicInteger acks = new AtomicInteger();
    final AtomicInteger releases = new AtomicInteger();
    volatile boolean revoked;
    private final String topic;
    private final String key;
    private final byte[] value;
    private final int offset;

    Delivered(String topic, String key, byte[] value, int offset) {
      this.topic = topic;
      this.key = key;
      this.value = value;
      this.offset = offset;
    }

    @Override
    public String topic() {
      return topic;
    }

    @Override
    public String key() {
      return key;
    }

    @Override
    public byte[] value() {
      return value;
    }

    @Override
    public Map<String, String> headers() {
      return Map.of("trace", "t-" + offset);
    }

    @Override
    public String position() {
      return "offset " + offset;
    }

    @Override
    public boolean isRevoked() {
      return revoked;
    }

    @Override
    public void ack() {
      acks.incrementAndGet();
    }

    @Override
    public void release() {
      releases.incrementAndGet();
    }

    boolean settled() {
      return acks.get() + releases.get() > 0;
    }
  }
}
