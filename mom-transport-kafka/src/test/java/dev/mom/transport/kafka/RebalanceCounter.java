package dev.mom.transport.kafka;

import java.util.Collection;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;

/** Counts the rebalances a transport's consumers go through. */
final class RebalanceCounter implements ConsumerRebalanceListener {

  private final AtomicInteger assignments = new AtomicInteger();
  private final AtomicInteger revocations = new AtomicInteger();

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    assignments.incrementAndGet();
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    if (!partitions.isEmpty()) {
      revocations.incrementAndGet();
    }
  }

  @Override
  public void onPartitionsLost(Collection<TopicPartition> partitions) {
    revocations.incrementAndGet();
  }

  /** Returns how many times partitions were assigned (the first join included). */
  int assignments() {
    return assignments.get();
  }

  /** Returns how many times partitions were taken away, revoked or lost. */
  int revocations() {
    return revocations.get();
  }
}
