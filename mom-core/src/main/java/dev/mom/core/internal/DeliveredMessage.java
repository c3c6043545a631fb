package dev.mom.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mom.api.Message;
import dev.mom.api.UnrecoverableException;
import dev.mom.spi.InboundRecord;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link Message} a consumer is handed: a decoded envelope and the record it came in.
 *
 * <p>Immutable and thread-safe (as long as the payload tree is not changed, which handlers are told
 * not to do). Keeps the record so that the dispatcher can acknowledge it.
 */
public final class DeliveredMessage implements Message {

  /** The header Mom's producer puts the unique message id in. */
  public static final String MESSAGE_ID_HEADER = "mom-message-id";

  private final Envelope envelope;
  private final InboundRecord record;
  private final String transport;
  private final int attempt;
  private final ObjectMapper mapper;
  private final Map<String, String> headers;

  /**
   * Creates the message.
   *
   * @param envelope the decoded envelope
   * @param record the record it came in
   * @param transport the name of the transport that delivered it
   * @param attempt which attempt this is, from 1
   * @param mapper the mapper {@link #payloadAs} maps with, normally {@link EnvelopeCodec#mapper()}
   * @throws IllegalArgumentException if {@code attempt} is below 1
   */
  public DeliveredMessage(
      Envelope envelope, InboundRecord record, String transport, int attempt, ObjectMapper mapper) {
    this.envelope = Objects.requireNonNull(envelope, "envelope");
    this.record = Objects.requireNonNull(record, "record");
    this.transport = Objects.requireNonNull(transport, "transport");
    this.mapper = Objects.requireNonNull(mapper, "mapper");
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be at least 1: " + attempt);
    }
    this.attempt = attempt;
    Map<String, String> recordHeaders = record.headers();
    this.headers = recordHeaders == null ? Map.of() : Collections.unmodifiableMap(recordHeaders);
  }

  /** Returns the decoded envelope. */
  public Envelope envelope() {
    return envelope;
  }

  /** Returns the record the message came in, to acknowledge or release it. */
  public InboundRecord record() {
    return record;
  }

  @Override
  public String id() {
    return envelope.id();
  }

  @Override
  public JsonNode payload() {
    return envelope.payload();
  }

  /**
   * {@inheritDoc}
   *
   * <p>Fields of the payload the type does not have are ignored.
   */
  @Override
  public <T> T payloadAs(Class<T> type) {
    Objects.requireNonNull(type, "type");
    if (envelope.payload().isNull()) {
      return null;
    }
    try {
      return mapper.treeToValue(envelope.payload(), type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new UnrecoverableException(
          "payload does not map to " + type.getName() + ": " + originalMessage(e), e);
    }
  }

  @Override
  public Optional<String> eventType() {
    return Optional.ofNullable(envelope.eventType());
  }

  @Override
  public Optional<String> version() {
    return Optional.ofNullable(envelope.version());
  }

  @Override
  public Optional<String> timestamp() {
    return Optional.ofNullable(envelope.timestamp());
  }

  @Override
  public Map<String, JsonNode> otherFields() {
    return envelope.otherFields();
  }

  @Override
  public Map<String, String> headers() {
    return headers;
  }

  @Override
  public Optional<String> messageId() {
    return Optional.ofNullable(headers.get(MESSAGE_ID_HEADER));
  }

  @Override
  public String topic() {
    return record.topic();
  }

  @Override
  public String position() {
    return record.position();
  }

  @Override
  public String transport() {
    return transport;
  }

  @Override
  public int attempt() {
    return attempt;
  }

  /**
   * Returns the same message as a later attempt, for the retry loop.
   *
   * @param nextAttempt the attempt number, from 1
   * @return a new message sharing this one's envelope and record
   */
  public DeliveredMessage withAttempt(int nextAttempt) {
    return new DeliveredMessage(envelope, record, transport, nextAttempt, mapper);
  }

  /** Names the topic, position, id (control characters escaped) and attempt; not the payload. */
  @Override
  public String toString() {
    return "DeliveredMessage[topic="
        + record.topic()
        + ", position="
        + record.position()
        + ", id="
        + printable(envelope.id())
        + ", attempt="
        + attempt
        + "]";
  }

  private static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.chars()
        .forEach(
            c -> {
              if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
              } else {
                out.append((char) c);
              }
            });
    return out.toString();
  }

  private static String originalMessage(Exception e) {
    return e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
  }
}
