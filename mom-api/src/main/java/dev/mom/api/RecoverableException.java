package dev.mom.api;

/**
 * Thrown by a {@link Consumer} when a message failed for a reason that may pass: a database that is
 * down, a timeout, a rate limit.
 *
 * <p>Mom retries the message with exponential backoff and jitter. After the last attempt it sends
 * the message to the dead-letter topic (or logs it at ERROR when none is configured) and
 * acknowledges it. Messages with the same id wait meanwhile; other ids go on. Any exception a
 * handler throws that is not an {@link UnrecoverableException} is treated the same way.
 */
public class RecoverableException extends MomException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message why the message failed
   */
  public RecoverableException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message why the message failed
   * @param cause the underlying failure
   */
  public RecoverableException(String message, Throwable cause) {
    super(message, cause);
  }
}
