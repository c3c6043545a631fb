package dev.mom.core.internal;

import dev.mom.spi.InboundRecord;
import dev.mom.spi.OutboundRecord;
import dev.mom.spi.Transport;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes a message whose outcome is failure: to the dead-letter topic with its original bytes and
 * headers that say what happened, or, with no topic configured, to one ERROR log line with the same
 * facts.
 */
public final class DeadLetters {
  static final String ERROR_CLASS = "mom-error-class";
  static final String ERROR_MESSAGE = "mom-error-message";
  static final String SOURCE_TOPIC = "mom-source-topic";
  static final String SOURCE_POSITION = "mom-source-position";
  static final String GROUP = "mom-group";
  static final String ATTEMPTS = "mom-attempts";
  static final String FAILED_AT = "mom-failed-at";
  static final String TOMBSTONE = "mom-tombstone";

  private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
  private static final int MAX_ERROR_MESSAGE = 1000;

  private final Transport transport;
  private final String group;
  private final Optional<String> topic;
  private final Clock clock;

  public DeadLetters(Transport transport, String group, Optional<String> topic, Clock clock) {
    this.transport = transport;
    this.group = group;
    this.topic = topic;
    this.clock = clock;
  }

  /** Returns whether failed messages go to a topic rather than to the log. */
  boolean hasTopic() {
    return topic.isPresent();
  }

  /**
   * Writes the failed record to the dead-letter topic.
   *
   * @return a future that completes once the broker has the dead letter
   */
  CompletableFuture<Void> send(InboundRecord record, Throwable error, int attempts) {
    byte[] value = record.value() == null ? new byte[0] : record.value();
    Map<String, String> headers = new HashMap<>(record.headers());
    headers.putAll(facts(record, error, attempts));
    if (record.value() == null) {
      headers.put(TOMBSTONE, "true");
    }
    return transport.send(new OutboundRecord(topic.orElseThrow(), record.key(), value, headers));
  }

  /** Logs the failed record at ERROR, for when no dead-letter topic is configured. */
  void log(InboundRecord record, String id, Throwable error, int attempts) {
    log.error(
        "Skipping failed message: topic={} group={} id={} position={} attempts={} error={}: {}",
        LogText.escape(record.topic()),
        LogText.escape(group),
        LogText.escape(id),
        LogText.escape(record.position()),
        attempts,
        error.getClass().getName(),
        LogText.escape(error.getMessage()));
  }

  private Map<String, String> facts(InboundRecord record, Throwable error, int attempts) {
    return Map.of(
        ERROR_CLASS, error.getClass().getName(),
        ERROR_MESSAGE, truncate(String.valueOf(error.getMessage())),
        SOURCE_TOPIC, record.topic(),
        SOURCE_POSITION, record.position(),
        GROUP, group,
        ATTEMPTS, Integer.toString(attempts),
        FAILED_AT, clock.instant().toString());
  }

  private static String truncate(String text) {
    return text.length() <= MAX_ERROR_MESSAGE ? text : text.substring(0, MAX_ERROR_MESSAGE) + "…";
  }
}
