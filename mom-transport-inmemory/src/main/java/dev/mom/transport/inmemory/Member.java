package dev.mom.transport.inmemory;

import dev.mom.spi.RecordListener;
import dev.mom.spi.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscription: a member of a consumer group, with its own dispatcher thread.
 *
 * <p>The dispatcher waits on the topic for a record this member may take (it owns the partition, is
 * not paused and has fewer than {@code maxInFlight} records outstanding), then hands it to the
 * listener outside the topic's lock, so that the listener may call {@link #pause()}, {@code ack()}
 * and the like. All fields but the final ones are guarded by the topic's lock; the methods without
 * a Javadoc contract are called by {@link Topic} and {@link ConsumerGroup} under it.
 */
final class Member implements Subscription {
  private static final Logger LOG = LoggerFactory.getLogger(Member.class);

  /** How long close waits for the dispatcher; its listener never blocks, so this is generous. */
  private static final Duration DISPATCHER_STOP_TIMEOUT = Duration.ofSeconds(10);

  private final Topic topic;
  private final ConsumerGroup group;
  private final RecordListener listener;
  private final int maxInFlight;
  private final Consumer<Member> onClose;
  private final Thread dispatcher;

  /** The partitions this member owns, each with the offset it delivers next. */
  private final NavigableMap<Integer, Long> positions = new TreeMap<>();

  /** The records delivered and neither acknowledged, released nor revoked, per partition. */
  private final Map<Integer, NavigableMap<Long, Delivery>> outstanding = new HashMap<>();

  private int inFlight;
  private int cursor;
  private boolean paused;
  private boolean closed;

  Member(
      Topic topic,
      ConsumerGroup group,
      RecordListener listener,
      int maxInFlight,
      Consumer<Member> onClose) {
    this.topic = topic;
    this.group = group;
    this.listener = listener;
    this.maxInFlight = maxInFlight;
    this.onClose = onClose;
    this.dispatcher = new Thread(this::dispatch, threadName(topic.name(), group.name()));
    this.dispatcher.setDaemon(true);
  }

  /** Starts delivering; called once, after the member joined its group. */
  void start() {
    dispatcher.start();
  }

  /** Stops delivering soon; records already being handed over still arrive. Any thread. */
  @Override
  public void pause() {
    topic.setPaused(this, true);
  }

  /** Delivers again after {@link #pause()}. Any thread. */
  @Override
  public void resume() {
    topic.setPaused(this, false);
  }

  /**
   * Leaves the group: the partitions go to the other members, and records not acknowledged are
   * delivered again from the group's committed offset. Acknowledgements arriving later are ignored.
   * Waits for the dispatcher to stop unless called from it. Closing twice does nothing.
   */
  @Override
  public void close() {
    if (!topic.leave(this)) {
      return;
    }
    onClose.accept(this);
    awaitDispatcherStop();
  }

  void acknowledge(Delivery delivery) {
    topic.acknowledge(delivery);
  }

  void release(Delivery delivery) {
    topic.release(delivery);
  }

  ConsumerGroup group() {
    return group;
  }

  boolean isClosed() {
    return closed;
  }

  void markClosed() {
    closed = true;
  }

  void setPaused(boolean paused) {
    this.paused = paused;
  }

  boolean owns(int partition) {
    return positions.containsKey(partition);
  }

  void assign(int partition, long from) {
    positions.put(partition, from);
    outstanding.put(partition, new TreeMap<>());
  }

  /** Gives up a partition: its outstanding records are revoked and their acks will be ignored. */
  void revoke(int partition) {
    positions.remove(partition);
    revokeFrom(outstanding.remove(partition));
  }

  void revokeAll() {
    for (int partition : new ArrayList<>(positions.keySet())) {
      revoke(partition);
    }
  }

  /**
   * Delivers a partition again from an offset, as a consumer seeking back would: the records
   * outstanding from there on are revoked, so that their order is kept on redelivery.
   */
  void rewind(int partition, long offset) {
    revokeFrom(outstanding.get(partition).tailMap(offset, true));
    positions.put(partition, offset);
  }

  /** Forgets outstanding records and starts every owned partition from the beginning. */
  void restartFromBeginning() {
    for (int partition : new ArrayList<>(positions.keySet())) {
      revokeFrom(outstanding.get(partition));
      positions.put(partition, 0L);
    }
  }

  /** Takes an acknowledged or released record off the outstanding ones. */
  void settle(Delivery delivery) {
    delivery.markSettled();
    outstanding.get(delivery.partition()).remove(delivery.offset());
    inFlight--;
  }

  /**
   * Picks the next record this member may deliver, going round the owned partitions in turn so that
   * none starves, and records it as outstanding.
   *
   * @return the delivery, or {@code null} if there is none now
   */
  Delivery next(List<List<StoredRecord>> logs) {
    if (closed || paused || inFlight >= maxInFlight || positions.isEmpty()) {
      return null;
    }
    List<Integer> owned = new ArrayList<>(positions.keySet());
    for (int i = 0; i < owned.size(); i++) {
      int partition = owned.get((cursor + i) % owned.size());
      StoredRecord record = nextUnacknowledged(partition, logs.get(partition));
      if (record != null) {
        cursor = (cursor + i + 1) % owned.size();
        return deliver(record);
      }
    }
    return null;
  }

  private StoredRecord nextUnacknowledged(int partition, List<StoredRecord> log) {
    long position = Math.max(positions.get(partition), group.committed(partition));
    while (position < log.size() && group.isAcknowledged(partition, position)) {
      position++;
    }
    positions.put(partition, position);
    return position < log.size() ? log.get((int) position) : null;
  }

  private Delivery deliver(StoredRecord record) {
    Delivery delivery = new Delivery(record, this);
    positions.put(record.partition(), record.offset() + 1);
    outstanding.get(record.partition()).put(record.offset(), delivery);
    inFlight++;
    return delivery;
  }

  private void revokeFrom(Map<Long, Delivery> deliveries) {
    if (deliveries == null) {
      return;
    }
    deliveries.values().forEach(Delivery::markRevoked);
    inFlight -= deliveries.size();
    deliveries.clear();
  }

  /** The dispatcher thread's loop: one record at a time, never under the topic's lock. */
  private void dispatch() {
    Delivery delivery;
    while ((delivery = topic.awaitNext(this)) != null) {
      handOver(delivery);
    }
  }

  private void handOver(Delivery delivery) {
    try {
      listener.onRecord(delivery);
    } catch (RuntimeException e) {
      // The record stays outstanding: it comes back when this member closes, instead of being
      // redelivered at once to a listener that may fail the same way in a tight loop.
      LOG.error(
          "[{} {}] listener failed on {}; the record is delivered again after close",
          Text.escape(topic.name()),
          Text.escape(group.name()),
          delivery.position(),
          e);
    }
  }

  private void awaitDispatcherStop() {
    if (Thread.currentThread() == dispatcher || !dispatcher.isAlive()) {
      return;
    }
    try {
      dispatcher.join(DISPATCHER_STOP_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String threadName(String topic, String group) {
    return "mom-inmemory-" + Text.escape(topic) + "-" + Text.escape(group);
  }
}
