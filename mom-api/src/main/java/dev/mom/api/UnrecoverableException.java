package dev.mom.api;

/**
 * Thrown by a {@link Consumer} when a message can never succeed: it breaks a business rule, refers
 * to something that does not exist, cannot be mapped.
 *
 * <p>Mom does not retry. It logs the failure once, sends the message to the dead-letter topic (or
 * logs it at ERROR when none is configured), acknowledges it and goes on with the next message.
 */
public class UnrecoverableException extends MomException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message why the message can never succeed
   */
  public UnrecoverableException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message why the message can never succeed
   * @param cause the underlying failure
   */
  public UnrecoverableException(String message, Throwable cause) {
    super(message, cause);
  }
}
