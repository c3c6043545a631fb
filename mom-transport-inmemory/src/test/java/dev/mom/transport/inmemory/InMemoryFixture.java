package dev.mom.transport.inmemory;

import dev.mom.Mom;
import dev.mom.spi.Transport;
import dev.mom.tck.Capabilities;
import dev.mom.tck.TransportFixture;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs the conformance suite on a private broker: every Mom of a test shares it. */
final class InMemoryFixture implements TransportFixture {
  private final InMemoryBroker broker;
  private final AtomicInteger topics = new AtomicInteger();

  InMemoryFixture(InMemoryBroker broker) {
    this.broker = broker;
  }

  @Override
  public Mom.Builder newMom() {
    return Mom.builder().transport(broker.transport());
  }

  @Override
  public Transport newTransport() {
    return broker.transport();
  }

  @Override
  public void writeRaw(String topic, String key, byte[] value) {
    broker.publish(topic, key, value, Map.of());
  }

  @Override
  public Capabilities capabilities() {
    return Capabilities.all();
  }

  @Override
  public String uniqueTopic(String prefix) {
    return prefix + "-" + topics.incrementAndGet();
  }
}
