package dev.mom.core.internal;

import dev.mom.spi.OutboundRecord;
import dev.mom.spi.RecordListener;
import dev.mom.spi.SubscribeRequest;
import dev.mom.spi.Subscription;
import dev.mom.spi.Transport;
import dev.mom.spi.TransportSettings;
import java.util.concurrent.CompletableFuture;

/** A transport that accepts every send and never delivers: enough to see which one was made. */
final class FakeTransport implements Transport {

  private final String name;
  private final TransportSettings settings;

  FakeTransport(String name, TransportSettings settings) {
    this.name = name;
    this.settings = settings;
  }

  TransportSettings settings() {
    return settings;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public CompletableFuture<Void> send(OutboundRecord record) {
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public Subscription subscribe(SubscribeRequest request, RecordListener listener) {
    return new Subscription() {
      @Override
      public void pause() {}

      @Override
      public void resume() {}

      @Override
      public void close() {}
    };
  }

  @Override
  public void close() {}
}
