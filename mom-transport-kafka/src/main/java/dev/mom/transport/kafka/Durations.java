package dev.mom.transport.kafka;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations as users write them in INI files: {@code PT5S}, {@code 5s}, {@code 500ms}. */
final class Durations {

  private static final Pattern SHORT_FORM = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

  private Durations() {}

  /**
   * Parses an ISO-8601 duration or a whole number followed by {@code ms}, {@code s}, {@code m} or
   * {@code h}.
   *
   * @param text the text
   * @return the duration
   * @throws java.time.format.DateTimeParseException if the text is neither form
   * @throws NumberFormatException if the number is too large
   */
  static Duration parse(String text) {
    String trimmed = text.trim().toLowerCase(Locale.ROOT);
    Matcher matcher = SHORT_FORM.matcher(trimmed);
    if (!matcher.matches()) {
      return Duration.parse(text.trim());
    }
    long amount = Long.parseLong(matcher.group(1));
    switch (matcher.group(2)) {
      case "ms":
        return Duration.ofMillis(amount);
      case "s":
        return Duration.ofSeconds(amount);
      case "m":
        return Duration.ofMinutes(amount);
      default:
        return Duration.ofHours(amount);
    }
  }
}
