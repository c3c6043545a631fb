package dev.mom.transport.kafka;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;

/**
 * The delivered records of one assigned partition, in offset order, and how far they may be
 * committed.
 *
 * <p>Only the subscription's poll thread calls this class. The committable offset is the end of the
 * contiguous prefix of acknowledged records: a record still running, waiting for a retry or
 * released holds back the commit of every record after it.
 */
final class PartitionTracker {

  private final TopicPartition partition;
  private final ArrayDeque<KafkaInboundRecord> unsettled = new ArrayDeque<>();
  private final ArrayDeque<Long> awaitingCommit = new ArrayDeque<>();
  private long settledEnd = -1;
  private long issued = -1;
  private long confirmed = -1;

  PartitionTracker(TopicPartition partition) {
    this.partition = partition;
  }

  /** Returns the partition tracked. */
  TopicPartition partition() {
    return partition;
  }

  /** Records a delivery; records arrive in offset order. */
  void delivered(KafkaInboundRecord record) {
    unsettled.addLast(record);
  }

  /** Moves the acknowledged head of the delivered records into the committable prefix. */
  void advance() {
    while (!unsettled.isEmpty() && unsettled.peekFirst().isAcked()) {
      KafkaInboundRecord record = unsettled.pollFirst();
      awaitingCommit.addLast(record.offset());
      settledEnd = record.offset() + 1;
    }
  }

  /** Returns the offset to commit if the prefix grew since the last commit was issued. */
  OptionalLong commitCandidate() {
    return settledEnd > issued ? OptionalLong.of(settledEnd) : OptionalLong.empty();
  }

  /** Notes that a commit of the offset was sent. */
  void issued(long offset) {
    issued = Math.max(issued, offset);
  }

  /** Notes that a commit failed, so the current prefix is sent again. */
  void failed(long offset) {
    if (issued == offset) {
      issued = confirmed;
    }
  }

  /**
   * Notes that the broker has the offset committed.
   *
   * @return how many delivered records this commit covered for the first time
   */
  int confirmed(long offset) {
    confirmed = Math.max(confirmed, offset);
    int covered = 0;
    while (!awaitingCommit.isEmpty() && awaitingCommit.peekFirst() < offset) {
      awaitingCommit.pollFirst();
      covered++;
    }
    return covered;
  }

  /** Returns whether Mom is done with every delivered record: acknowledged or released. */
  boolean allDone() {
    return unsettled.stream().allMatch(KafkaInboundRecord::isDone);
  }

  /** Revokes the records not acknowledged; Mom will not start them and their acks are ignored. */
  void revokeUnsettled() {
    unsettled.forEach(KafkaInboundRecord::revoke);
    advance();
  }

  /**
   * Forgets the delivered records from an offset on, revoking those not acknowledged, so that they
   * can be fetched and delivered again.
   *
   * @return how many records were forgotten
   */
  int dropFrom(long offset) {
    int dropped = 0;
    while (!unsettled.isEmpty() && unsettled.peekLast().offset() >= offset) {
      unsettled.pollLast().revoke();
      dropped++;
    }
    return dropped;
  }

  /** Returns how many delivered records are not yet covered by a confirmed commit. */
  int outstanding() {
    return unsettled.size() + awaitingCommit.size();
  }

  /** Returns whether every tracker in the collection has no record Mom still works on. */
  static boolean allDone(Collection<PartitionTracker> trackers) {
    return trackers.stream().allMatch(PartitionTracker::allDone);
  }
}
