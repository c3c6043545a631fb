package dev.mom.spi;

import java.util.Map;
import java.util.Objects;

/**
 * A record to send: topic, key, value and headers. The value is not copied: the caller must not
 * change it after handing it over.
 *
 * @param topic the topic, not empty
 * @param key the key (the envelope id), or {@code null} for none
 * @param value the value bytes, not {@code null}
 * @param headers the headers, copied and read-only
 */
public record OutboundRecord(String topic, String key, byte[] value, Map<String, String> headers) {

  /** Checks the fields and copies the headers. */
  public OutboundRecord {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(value, "value");
    headers = Map.copyOf(headers);
  }
}
