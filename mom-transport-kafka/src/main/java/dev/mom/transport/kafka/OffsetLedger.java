package dev.mom.transport.kafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The records a subscription handed to Mom, per partition, and what may be committed of them.
 *
 * <p>Only the subscription's poll thread calls this class. It counts the records delivered and not
 * yet covered by a confirmed commit: the subscription stops fetching while that count is at Mom's
 * in-flight limit, which bounds what a crash delivers twice.
 */
final class OffsetLedger {

  private final Map<TopicPartition, PartitionTracker> trackers = new HashMap<>();
  private int outstanding;

  /** Starts tracking newly assigned partitions. */
  void assigned(Collection<TopicPartition> partitions) {
    partitions.forEach(this::tracker);
  }

  /** Records that a record was handed to Mom; records of a partition come in offset order. */
  void delivered(KafkaInboundRecord record) {
    tracker(record.partition()).delivered(record);
    outstanding++;
  }

  /** Returns how many delivered records no confirmed commit covers yet. */
  int outstanding() {
    return outstanding;
  }

  /** Returns the partitions tracked. */
  Set<TopicPartition> partitions() {
    return Set.copyOf(trackers.keySet());
  }

  /**
   * Returns, for each of the partitions whose acknowledged prefix grew since its last commit, the
   * offset to commit, and notes those commits as issued.
   */
  Map<TopicPartition, OffsetAndMetadata> issueCommits(Collection<TopicPartition> partitions) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (PartitionTracker tracker : trackers(partitions)) {
      tracker.advance();
      OptionalLong offset = tracker.commitCandidate();
      if (offset.isPresent()) {
        tracker.issued(offset.getAsLong());
        offsets.put(tracker.partition(), new OffsetAndMetadata(offset.getAsLong()));
      }
    }
    return offsets;
  }

  /**
   * Takes the broker's answer to a commit.
   *
   * @param offsets the offsets sent
   * @param error the failure, or {@code null} if the broker has them
   */
  void committed(Map<TopicPartition, OffsetAndMetadata> offsets, Exception error) {
    offsets.forEach(
        (partition, offset) -> {
          PartitionTracker tracker = trackers.get(partition);
          if (tracker == null) {
            return;
          } else if (error == null) {
            outstanding -= tracker.confirmed(offset.offset());
          } else {
            tracker.failed(offset.offset());
          }
        });
  }

  /** Returns whether Mom is done (acknowledged or released) with every record of the partitions. */
  boolean allDone(Collection<TopicPartition> partitions) {
    return PartitionTracker.allDone(trackers(partitions));
  }

  /** Revokes the records of the partitions that Mom did not acknowledge. */
  void revokeUnsettled(Collection<TopicPartition> partitions) {
    trackers(partitions).forEach(PartitionTracker::revokeUnsettled);
  }

  /**
   * Forgets the records of a partition from an offset on, so that they are delivered again once the
   * consumer is rewound there; those not acknowledged are revoked.
   *
   * @return whether the partition is tracked, so that the consumer should be rewound
   */
  boolean rewind(TopicPartition partition, long offset) {
    PartitionTracker tracker = trackers.get(partition);
    if (tracker == null) {
      return false;
    }
    outstanding -= tracker.dropFrom(offset);
    return true;
  }

  /** Stops tracking the partitions; their records no longer count as outstanding. */
  void remove(Collection<TopicPartition> partitions) {
    for (PartitionTracker tracker : trackers(partitions)) {
      outstanding -= tracker.outstanding();
      trackers.remove(tracker.partition());
    }
  }

  private PartitionTracker tracker(TopicPartition partition) {
    return trackers.computeIfAbsent(partition, PartitionTracker::new);
  }

  private List<PartitionTracker> trackers(Collection<TopicPartition> partitions) {
    return partitions.stream().map(trackers::get).filter(Objects::nonNull).toList();
  }
}
