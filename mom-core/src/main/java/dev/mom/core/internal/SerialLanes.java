package dev.mom.core.internal;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Runs items one at a time per key, in submission order, with different keys in parallel on an
 * executor. This is how Mom keeps per-id order while handling other ids concurrently.
 *
 * <p>A key has a lane only while it has items; the head of a lane is the item being handled. The
 * handler says whether it finished an item at once or will call {@link #finish} later (a retry
 * waiting for its backoff, a dead letter being written): until then, the lane does not move and no
 * worker thread is held.
 *
 * <p>All lane state changes happen inside {@link ConcurrentHashMap#compute}, which serialises them
 * per key, so a submit can never race a lane that is being removed.
 *
 * @param <T> the item type
 */
final class SerialLanes<T> {

  /** Handles the head item of a lane. */
  interface Handler<T> {
    /**
     * Handles one item on a worker thread.
     *
     * @return {@code true} if the item is finished, {@code false} if the handler will call {@link
     *     SerialLanes#finish} for this key later
     */
    boolean handle(String key, T item);
  }

  /** Items handled in a row on one lane before the worker yields to other lanes. */
  private static final int BATCH = 32;

  private final ConcurrentHashMap<String, ArrayDeque<T>> lanes = new ConcurrentHashMap<>();
  private final Executor executor;
  private final Handler<T> handler;

  SerialLanes(Executor executor, Handler<T> handler) {
    this.executor = executor;
    this.handler = handler;
  }

  /** Queues an item on its key's lane, starting the lane if it was idle. */
  void submit(String key, T item) {
    boolean[] started = new boolean[1];
    lanes.compute(
        key,
        (k, lane) -> {
          if (lane == null) {
            lane = new ArrayDeque<>();
            started[0] = true;
          }
          lane.addLast(item);
          return lane;
        });

    if (started[0]) {
      executor.execute(() -> drain(key, item));
    }
  }

  /** Marks the head item of a lane finished and moves the lane on. Any thread. */
  void finish(String key) {
    T next = advance(key);
    if (next != null) {
      executor.execute(() -> drain(key, next));
    }
  }

  /** Returns the number of keys with queued or running items. */
  int activeLanes() {
    return lanes.size();
  }

  private void drain(String key, T first) {
    T item = first;
    for (int handled = 1; handler.handle(key, item); handled++) {
      item = advance(key);
      if (item == null) {
        return;
      }
      if (handled == BATCH) {
        // Give other lanes waiting for this worker a turn.
        T next = item;
        executor.execute(() -> drain(key, next));
        return;
      }
    }
  }

  /** Removes the head of a lane and returns the next item, or null if the lane is now idle. */
  private T advance(String key) {
    Object[] next = new Object[1];
    lanes.computeIfPresent(
        key,
        (k, lane) -> {
          lane.pollFirst();
          next[0] = lane.peekFirst();
          return lane.isEmpty() ? null : lane;
        });

    @SuppressWarnings("unchecked")
    T item = (T) next[0];
    return item;
  }
}
