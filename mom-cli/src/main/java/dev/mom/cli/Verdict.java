package dev.mom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Compares, id by id, the payloads written with those echoed: each id's payloads must come back
 * complete, unchanged and in the order written. A payload delivered twice (at-least-once after a
 * redelivery) is counted, not failed.
 *
 * @param ids the ids written
 * @param lost ids with a payload that never came back, or with one that came back changed
 * @param outOfOrder ids whose payloads all came back, but not in the order written
 * @param duplicated ids with a payload that came back more than once, in order otherwise
 * @param unexpected ids that came back but were never written
 */
record Verdict(
    int ids,
    List<String> lost,
    List<String> outOfOrder,
    List<String> duplicated,
    List<String> unexpected) {

  /** Returns whether nothing was lost, changed, reordered or made up. */
  boolean ok() {
    return lost.isEmpty() && outOfOrder.isEmpty() && unexpected.isEmpty();
  }

  static Verdict of(Map<String, List<JsonNode>> written, Map<String, List<JsonNode>> echoed) {
    List<String> lost = new ArrayList<>();
    List<String> outOfOrder = new ArrayList<>();
    List<String> duplicated = new ArrayList<>();
    written.forEach(
        (id, payloads) -> {
          List<JsonNode> back = echoed.getOrDefault(id, List.of());
          if (back.equals(payloads)) {
            return;
          }
          List<JsonNode> once = new ArrayList<>(new LinkedHashSet<>(back));
          if (once.equals(payloads)) {
            duplicated.add(id);
          } else if (!back.containsAll(payloads)) {
            lost.add(id);
          } else {
            outOfOrder.add(id);
          }
        });
    List<String> unexpected = new ArrayList<>(echoed.keySet());
    unexpected.removeAll(written.keySet());
    return new Verdict(written.size(), lost, outOfOrder, duplicated, unexpected);
  }
}
