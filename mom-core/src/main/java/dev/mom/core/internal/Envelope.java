package dev.mom.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A decoded envelope: the fields Mom knows and the others, in the order written.
 *
 * @param id the correlation id, never empty; a numeric id as its decimal text
 * @param payload the payload; a JSON {@code null} is a {@code NullNode}, never Java {@code null}
 * @param eventType {@code event_type}, or {@code null} if absent
 * @param version {@code version}, or {@code null} if absent
 * @param timestamp {@code timestamp} as written, or {@code null} if absent
 * @param otherFields unknown top-level fields, by name, in the order written; copied, read-only
 */
public record Envelope(
    String id,
    JsonNode payload,
    String eventType,
    String version,
    String timestamp,
    Map<String, JsonNode> otherFields) {

  /** Checks the required fields and copies the unknown ones. */
  public Envelope {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(payload, "payload");
    if (id.isEmpty()) {
      throw new IllegalArgumentException("id must not be empty");
    }
    otherFields =
        otherFields == null || otherFields.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(otherFields));
  }
}
