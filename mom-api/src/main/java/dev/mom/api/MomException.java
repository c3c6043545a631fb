package dev.mom.api;

import java.util.Optional;

/**
 * The root of every exception Mom throws. Unchecked, so handlers and producers need no {@code
 * throws} clauses.
 *
 * <p>Where known, the exception carries the topic, the message id and the transport it concerns, so
 * a caller can act on them without parsing the message text.
 */
public class MomException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String topic;
  private final String messageId;
  private final String transport;

  /**
   * Creates an exception with a message and no context.
   *
   * @param message what went wrong, for people
   */
  public MomException(String message) {
    this(message, null);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what went wrong, for people
   * @param cause the underlying failure, or {@code null}
   */
  public MomException(String message, Throwable cause) {
    this(message, cause, null, null, null);
  }

  /**
   * Creates an exception with its full context.
   *
   * @param message what went wrong, for people
   * @param cause the underlying failure, or {@code null}
   * @param topic the topic concerned, or {@code null}
   * @param messageId the message id (the envelope {@code id}) concerned, or {@code null}
   * @param transport the transport name concerned, or {@code null}
   */
  public MomException(
      String message, Throwable cause, String topic, String messageId, String transport) {
    super(message, cause);
    this.topic = topic;
    this.messageId = messageId;
    this.transport = transport;
  }

  /** Returns the topic this failure concerns, if known. */
  public Optional<String> topic() {
    return Optional.ofNullable(topic);
  }

  /** Returns the envelope id of the message this failure concerns, if known. */
  public Optional<String> messageId() {
    return Optional.ofNullable(messageId);
  }

  /** Returns the name of the transport this failure concerns, if known. */
  public Optional<String> transport() {
    return Optional.ofNullable(transport);
  }
}
