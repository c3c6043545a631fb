package dev.mom.api;

/**
 * A setting is missing, unknown or has a bad value. Thrown at start, before any message moves.
 *
 * <p>The message names the key, the value (masked when the key holds a secret) and where it came
 * from: the file, an environment variable or the builder.
 */
public class ConfigurationException extends MomException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the key, the value and the source, and what is wrong with them
   */
  public ConfigurationException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message the key, the value and the source, and what is wrong with them
   * @param cause the underlying failure
   */
  public ConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
