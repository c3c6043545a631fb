package dev.mom.transport.kafka;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads durations as Mom's configuration guide writes them: {@code 500ms}, {@code 2s}, {@code 1m},
 * {@code 1h}, {@code 1.5s}, a plain number of milliseconds, or ISO-8601 ({@code PT0.5S}).
 */
final class Durations {

  private static final Pattern SHORT_FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

  private Durations() {}

  /**
   * Parses a duration.
   *
   * @param text the text
   * @return the duration
   * @throws java.time.format.DateTimeParseException if the text is in no known form
   * @throws ArithmeticException if the duration is too long
   */
  static Duration parse(String text) {
    String trimmed = text.trim().toLowerCase(Locale.ROOT);
    Matcher matcher = SHORT_FORM.matcher(trimmed);
    if (!matcher.matches()) {
      return Duration.parse(text.trim());
    }
    BigDecimal amount = new BigDecimal(matcher.group(1));
    String unit = matcher.group(2) == null ? "ms" : matcher.group(2);
    BigDecimal nanos = amount.multiply(BigDecimal.valueOf(nanosPer(unit)));
    return Duration.ofNanos(nanos.longValueExact());
  }

  private static long nanosPer(String unit) {
    switch (unit) {
      case "ms":
        return 1_000_000L;
      case "s":
        return 1_000_000_000L;
      case "m":
        return 60_000_000_000L;
      default:
        return 3_600_000_000_000L;
    }
  }
}
