package dev.mom.transport.inmemory;

import dev.mom.api.MomException;
import dev.mom.spi.RecordListener;
import dev.mom.spi.SubscribeRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One topic: a log per partition, the write order across them, and the consumer groups reading it.
 *
 * <p>One lock guards the topic and everything hanging off it (groups, members, deliveries); one
 * condition wakes every waiter on any change. Topics are independent, so a busy topic never slows
 * another. No listener code runs under the lock.
 */
final class Topic {
  private static final Logger LOG = LoggerFactory.getLogger(Topic.class);

  private final String name;
  private final Limits limits;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final List<List<StoredRecord>> partitions = new ArrayList<>();
  private final List<StoredRecord> writeOrder = new ArrayList<>();
  private final Map<String, ConsumerGroup> groups = new HashMap<>();
  private int nextUnkeyedPartition;

  Topic(String name, Limits limits) {
    this.name = name;
    this.limits = limits;
    for (int i = 0; i < limits.partitions(); i++) {
      partitions.add(new ArrayList<>());
    }
  }

  String name() {
    return name;
  }

  /**
   * Appends a record to the partition its key hashes to, or round robin without a key.
   *
   * @throws MomException if the topic already holds {@link Limits#maxTopicSize()} records
   */
  StoredRecord append(String key, byte[] value, Map<String, String> headers) {
    return locked(
        () -> {
          checkRoom();
          int partition = partitionFor(key);
          List<StoredRecord> log = partitions.get(partition);
          StoredRecord record = new StoredRecord(name, key, value, headers, partition, log.size());
          log.add(record);
          writeOrder.add(record);
          changed.signalAll();
          return record;
        });
  }

  private void checkRoom() {
    if (writeOrder.size() >= limits.maxTopicSize()) {
      String message =
          "topic '"
              + name
              + "' is full: it holds "
              + writeOrder.size()
              + " records, the limit set by [inmemory] max-topic-size";
      throw new MomException(message, null, name, null, InMemoryTransportProvider.NAME);
    }
  }

  private int partitionFor(String key) {
    if (key == null) {
      int partition = nextUnkeyedPartition;
      nextUnkeyedPartition = (partition + 1) % partitions.size();
      return partition;
    }
    return Math.floorMod(key.hashCode(), partitions.size());
  }

  /** Adds a member to the request's group and starts its dispatcher. */
  Member subscribe(SubscribeRequest request, RecordListener listener, Consumer<Member> onClose) {
    Member member =
        locked(
            () -> {
              ConsumerGroup group =
                  groups.computeIfAbsent(
                      request.group(), g -> new ConsumerGroup(g, partitions.size()));
              Member joined = new Member(this, group, listener, request.maxInFlight(), onClose);
              group.join(joined);
              changed.signalAll();
              return joined;
            });
    member.start();
    LOG.info("[{} {}] member joined", Text.escape(name), Text.escape(request.group()));
    return member;
  }

  /**
   * Takes a member out of its group and hands its partitions over.
   *
   * @return whether the member was still in the group
   */
  boolean leave(Member member) {
    boolean left =
        locked(
            () -> {
              if (member.isClosed()) {
                return false;
              }
              member.markClosed();
              member.group().leave(member);
              changed.signalAll();
              return true;
            });
    if (left) {
      LOG.info("[{} {}] member left", Text.escape(name), Text.escape(member.group().name()));
    }
    return left;
  }

  void setPaused(Member member, boolean paused) {
    locked(
        () -> {
          member.setPaused(paused);
          changed.signalAll();
          return null;
        });
  }

  /**
   * Waits until the member may deliver a record and takes it.
   *
   * @return the record, or {@code null} once the member is closed or the thread interrupted
   */
  Delivery awaitNext(Member member) {
    lock.lock();
    try {
      while (!member.isClosed()) {
        Delivery next = member.next(partitions);
        if (next != null) {
          return next;
        }
        changed.await();
      }
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } finally {
      lock.unlock();
    }
  }

  void acknowledge(Delivery delivery) {
    locked(
        () -> {
          if (delivery.isOpen()) {
            Member member = delivery.member();
            member.settle(delivery);
            member.group().acknowledge(delivery.partition(), delivery.offset());
            changed.signalAll();
          }
          return null;
        });
  }

  void release(Delivery delivery) {
    locked(
        () -> {
          if (delivery.isOpen()) {
            Member member = delivery.member();
            member.settle(delivery);
            member.rewind(delivery.partition(), delivery.offset());
            changed.signalAll();
          }
          return null;
        });
  }

  /** Returns every record in write order. */
  List<StoredRecord> records() {
    return locked(() -> List.copyOf(writeOrder));
  }

  /** Returns how many records the group acknowledged; 0 for a group never seen. */
  long acknowledged(String group) {
    return locked(() -> acknowledgedUnlocked(group));
  }

  private long acknowledgedUnlocked(String group) {
    ConsumerGroup state = groups.get(group);
    return state == null ? 0 : state.acknowledgedCount();
  }

  /**
   * Waits until the group acknowledged at least {@code count} records.
   *
   * @return the count acknowledged when the wait ended, at least {@code count} unless it timed out
   * @throws InterruptedException if the thread was interrupted while waiting
   */
  long awaitAcknowledged(String group, long count, Duration timeout) throws InterruptedException {
    long remaining = timeout.toNanos();
    lock.lock();
    try {
      long seen = acknowledgedUnlocked(group);
      while (seen < count && remaining > 0) {
        remaining = changed.awaitNanos(remaining);
        seen = acknowledgedUnlocked(group);
      }
      return seen;
    } finally {
      lock.unlock();
    }
  }

  /** Forgets every record and offset; members stay and read the topic again from the start. */
  void clear() {
    locked(
        () -> {
          partitions.forEach(List::clear);
          writeOrder.clear();
          groups.values().forEach(ConsumerGroup::reset);
          nextUnkeyedPartition = 0;
          changed.signalAll();
          return null;
        });
  }

  private <T> T locked(Supplier<T> action) {
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }
}
