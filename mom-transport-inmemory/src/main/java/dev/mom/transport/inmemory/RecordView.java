package dev.mom.transport.inmemory;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * A record as written to an {@link InMemoryBroker}, for assertions in tests. Immutable: the value
 * is copied in and out.
 *
 * @param topic the topic
 * @param key the key, or {@code null} if the record has none
 * @param value the value bytes, or {@code null} for a record without value (a tombstone)
 * @param headers the headers, read-only
 * @param partition the partition the record was appended to
 * @param offset the record's offset in its partition
 */
public record RecordView(
    String topic,
    String key,
    byte[] value,
    Map<String, String> headers,
    int partition,
    long offset) {

  /** Checks the fields and copies the value and the headers. */
  public RecordView {
    Objects.requireNonNull(topic, "topic");
    value = value == null ? null : value.clone();
    headers = Map.copyOf(headers);
  }

  /** Returns a copy of the value bytes, or {@code null} for a tombstone. */
  @Override
  public byte[] value() {
    return value == null ? null : value.clone();
  }

  /** Returns the value decoded as UTF-8, or {@code null} for a tombstone. */
  public String text() {
    return value == null ? null : new String(value, StandardCharsets.UTF_8);
  }

  /** Compares every field, the value by content. */
  @Override
  public boolean equals(Object other) {
    return other instanceof RecordView that
        && topic.equals(that.topic)
        && Objects.equals(key, that.key)
        && Arrays.equals(value, that.value)
        && headers.equals(that.headers)
        && partition == that.partition
        && offset == that.offset;
  }

  /** Hashes every field, the value by content. */
  @Override
  public int hashCode() {
    return Objects.hash(topic, key, Arrays.hashCode(value), headers, partition, offset);
  }

  /** Describes the record, with the value's size rather than its bytes. */
  @Override
  public String toString() {
    String size = value == null ? "null" : value.length + " bytes";
    return "RecordView[topic="
        + topic
        + ", key="
        + key
        + ", value="
        + size
        + ", headers="
        + headers
        + ", partition="
        + partition
        + ", offset="
        + offset
        + "]";
  }
}
