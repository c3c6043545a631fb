package dev.mom.transport.inmemory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * A consumer group's state on one topic: the committed offset of every partition, the records
 * acknowledged beyond it, and the members sharing the partitions. Guarded by the topic's lock.
 *
 * <p>The committed offset only moves over a contiguous acknowledged prefix, as a Kafka consumer's
 * commit does; records acknowledged out of order are remembered so that they are not delivered
 * again when a partition is handed over or rewound.
 */
final class ConsumerGroup {
  private final String name;
  private final long[] committed;
  private final List<TreeSet<Long>> acknowledgedAhead = new ArrayList<>();
  private final List<Member> members = new ArrayList<>();

  ConsumerGroup(String name, int partitions) {
    this.name = name;
    this.committed = new long[partitions];
    for (int i = 0; i < partitions; i++) {
      acknowledgedAhead.add(new TreeSet<>());
    }
  }

  String name() {
    return name;
  }

  List<Member> members() {
    return members;
  }

  void join(Member member) {
    members.add(member);
    rebalance();
  }

  void leave(Member member) {
    member.revokeAll();
    members.remove(member);
    rebalance();
  }

  /**
   * Spreads the partitions over the members in join order. A member keeps the partitions it still
   * owns, so only moved partitions restart, from the committed offset.
   */
  private void rebalance() {
    for (int partition = 0; partition < committed.length; partition++) {
      Member owner = members.isEmpty() ? null : members.get(partition % members.size());
      for (Member member : members) {
        if (member != owner && member.owns(partition)) {
          member.revoke(partition);
        }
      }
      if (owner != null && !owner.owns(partition)) {
        owner.assign(partition, committed[partition]);
      }
    }
  }

  long committed(int partition) {
    return committed[partition];
  }

  boolean isAcknowledged(int partition, long offset) {
    return offset < committed[partition] || acknowledgedAhead.get(partition).contains(offset);
  }

  void acknowledge(int partition, long offset) {
    TreeSet<Long> ahead = acknowledgedAhead.get(partition);
    if (offset == committed[partition]) {
      committed[partition]++;
      while (ahead.remove(committed[partition])) {
        committed[partition]++;
      }
    } else if (offset > committed[partition]) {
      ahead.add(offset);
    }
  }

  long acknowledgedCount() {
    long count = 0;
    for (int partition = 0; partition < committed.length; partition++) {
      count += committed[partition] + acknowledgedAhead.get(partition).size();
    }
    return count;
  }

  /** Forgets every offset; the members start again from the beginning of each partition. */
  void reset() {
    Arrays.fill(committed, 0);
    acknowledgedAhead.forEach(TreeSet::clear);
    members.forEach(Member::restartFromBeginning);
  }
}
