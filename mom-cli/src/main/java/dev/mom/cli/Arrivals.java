package dev.mom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What came back in the demo: echoed payloads by id, in arrival order, and dead letters. Thread-
 * safe: Mom's handler threads and the transport's thread add, the demo's thread waits and reads.
 */
final class Arrivals {

  /** A dead letter: the line it came from (0 if unknown) and the error Mom recorded. */
  record DeadLetter(long line, String error) {}

  private final Map<String, List<JsonNode>> echoed = new LinkedHashMap<>();
  private final List<DeadLetter> deadLetters = new ArrayList<>();
  private long echoedCount;
  private long changes;

  synchronized void echoed(String id, JsonNode payload) {
    echoed.computeIfAbsent(id, key -> new ArrayList<>()).add(payload);
    echoedCount++;
    changed();
  }

  synchronized void deadLetter(DeadLetter deadLetter) {
    deadLetters.add(deadLetter);
    changed();
  }

  /**
   * Waits until at least the given numbers arrived, or until nothing arrived for a while.
   *
   * @return whether the numbers were reached
   * @throws InterruptedException if interrupted while waiting
   */
  synchronized boolean await(long echoes, long deadLettersWanted, long idleMillis)
      throws InterruptedException {
    long seen = changes;
    long lastChange = System.nanoTime();
    while (echoedCount < echoes || deadLetters.size() < deadLettersWanted) {
      if (changes != seen) {
        seen = changes;
        lastChange = System.nanoTime();
      }
      long left = idleMillis - (System.nanoTime() - lastChange) / 1_000_000;
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return true;
  }

  synchronized long echoedCount() {
    return echoedCount;
  }

  synchronized Map<String, List<JsonNode>> echoedById() {
    Map<String, List<JsonNode>> copy = new LinkedHashMap<>();
    echoed.forEach((id, payloads) -> copy.put(id, List.copyOf(payloads)));
    return copy;
  }

  synchronized List<DeadLetter> deadLetters() {
    List<DeadLetter> sorted = new ArrayList<>(deadLetters);
    sorted.sort((a, b) -> Long.compare(a.line(), b.line()));
    return sorted;
  }

  private void changed() {
    changes++;
    notifyAll();
  }
}
