package dev.mom.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * One message handed to a {@link Consumer}: the decoded envelope and where it came from.
 *
 * <p>Instances are immutable and safe to keep after {@code onMessage} returns. No method returns
 * {@code null}: fields an envelope may omit are {@link Optional}.
 */
public interface Message {

  /**
   * Returns the envelope's {@code id}: the correlation key, never empty. A numeric id is given as
   * its decimal text.
   */
  String id();

  /**
   * Returns the payload as written. Numbers keep their exact value ({@code BigInteger}, {@code
   * BigDecimal}); a JSON {@code null} payload is a {@code NullNode}, never Java {@code null}.
   */
  JsonNode payload();

  /**
   * Returns the payload mapped to a type with Jackson, for example a record.
   *
   * @param type the class to map to
   * @param <T> the type
   * @return the mapped payload; {@code null} if the payload is JSON {@code null}
   * @throws UnrecoverableException if the payload does not fit the type, since retrying the same
   *     bytes could never succeed
   */
  <T> T payloadAs(Class<T> type);

  /** Returns the envelope's {@code event_type}, if it has one. */
  Optional<String> eventType();

  /** Returns the envelope's {@code version}, if it has one. */
  Optional<String> version();

  /**
   * Returns the envelope's {@code timestamp} as written, if it has one. It is kept as text because
   * writers differ: Mom writes ISO-8601 instants, PyMom writes Python's {@code str(datetime)}.
   */
  Optional<String> timestamp();

  /** Returns top-level envelope fields Mom does not know, by name, in the order written. */
  Map<String, JsonNode> otherFields();

  /**
   * Returns the transport's headers (Kafka headers, Pub/Sub attributes), read-only. Mom's producer
   * sets {@code mom-message-id}, unique per message.
   */
  Map<String, String> headers();

  /** Returns the unique message id Mom's producer put in the headers, if there is one. */
  Optional<String> messageId();

  /** Returns the topic the message was read from. */
  String topic();

  /**
   * Returns where the message sits in its topic, in the transport's terms (for Kafka {@code
   * "partition 3, offset 1042"}). For logs and dead letters; not meant to be parsed.
   */
  String position();

  /** Returns the name of the transport that delivered the message ({@code kafka}, …). */
  String transport();

  /** Returns which attempt this is at handling the message in this process, starting at 1. */
  int attempt();
}
