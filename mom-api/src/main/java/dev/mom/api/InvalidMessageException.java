package dev.mom.api;

/**
 * The bytes Mom received are not a valid envelope. The message names the rule that was broken ("not
 * JSON", "no id", "id is an empty string", …).
 *
 * <p>Mom treats an invalid message as unrecoverable: it is dead-lettered with its original bytes
 * and the consumer goes on. Handlers never see one.
 */
public class InvalidMessageException extends UnrecoverableException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param reason the rule the bytes broke
   */
  public InvalidMessageException(String reason) {
    super(reason);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param reason the rule the bytes broke
   * @param cause the parser's failure
   */
  public InvalidMessageException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
