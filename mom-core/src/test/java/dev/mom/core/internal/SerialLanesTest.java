package dev.mom.core.internal;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SerialLanesTest {
  private final ExecutorService workers = Executors.newFixedThreadPool(8);

  @AfterEach
  void stopWorkers() {
    workers.shutdownNow();
  }

  @Test
  void runsTheItemsOfAKeyOneAtATimeInOrder() {
    Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    AtomicInteger overlaps = new AtomicInteger();
    SerialLanes<Integer> lanes =
        new SerialLanes<>(
            workers,
            (key, item) -> {
              AtomicInteger busy = running.computeIfAbsent(key, k -> new AtomicInteger());
              if (busy.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
              }
              seen.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(item);
              busy.decrementAndGet();
              return true;
            });

    for (int i = 0; i < 10_000; i++) {
      lanes.submit("k" + (i % 50), i);
    }

    await().atMost(10, SECONDS).until(() -> lanes.activeLanes() == 0);
    assertThat(overlaps).hasValue(0);
    assertThat(seen).hasSize(50);
    seen.values().forEach(items -> assertThat(items).hasSize(200).isSorted());
  }

  @Test
  void holdsALaneUntilAnItemIsFinishedLaterWithoutHoldingOtherKeys() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    CountDownLatch otherKeyDone = new CountDownLatch(1);
    SerialLanes<String> lanes =
        new SerialLanes<>(
            workers,
            (key, item) -> {
              seen.add(item);
              if (item.equals("b1")) {
                otherKeyDone.countDown();
              }
              return !item.equals("a1");
            });

    lanes.submit("a", "a1");
    lanes.submit("a", "a2");
    lanes.submit("b", "b1");
    otherKeyDone.await();

    assertThat(seen).doesNotContain("a2");
    lanes.finish("a");
    await().atMost(5, SECONDS).until(() -> seen.contains("a2"));
    assertThat(seen).containsSubsequence("a1", "a2");
    await().atMost(5, SECONDS).until(() -> lanes.activeLanes() == 0);
  }
}
