package dev.mom;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and shows setting values: numbers, durations, and secrets that must stay hidden. */
final class SettingValues {

  /** What a secret value is shown as. */
  static final String MASK = "****";

  private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?\\d{1,10}");
  private static final Pattern DECIMAL = Pattern.compile("[+-]?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");
  private static final Pattern DURATION =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?", Pattern.CASE_INSENSITIVE);
  private static final List<String> SECRET_WORDS =
      List.of("password", "secret", "token", "jaas", "credentials", "private");

  private SettingValues() {}

  /** Returns the value as an int, or {@code null} if it is not a whole number in int range. */
  static Integer wholeNumber(String value) {
    if (!WHOLE_NUMBER.matcher(value).matches()) {
      return null;
    }
    long number = Long.parseLong(value);
    return number == (int) number ? (int) number : null;
  }

  /** Returns the value as a finite double, or {@code null} if it is not a plain decimal number. */
  static Double decimal(String value) {
    if (!DECIMAL.matcher(value).matches()) {
      return null;
    }
    double number = Double.parseDouble(value);
    return Double.isFinite(number) ? number : null;
  }

  /**
   * Returns the value as a duration, or {@code null} if it is none: {@code 500ms}, {@code 2s},
   * {@code 1m}, {@code 1h}, {@code 1.5s}, a plain number of milliseconds, or ISO-8601 ({@code
   * PT0.5S}, which is what {@link Duration#toString()} writes).
   */
  static Duration duration(String value) {
    if (value.startsWith("P") || value.startsWith("p") || value.startsWith("-P")) {
      return isoDuration(value);
    }
    Matcher matcher = DURATION.matcher(value);
    if (!matcher.matches()) {
      return null;
    }

    BigDecimal amount = new BigDecimal(matcher.group(1));
    String unit = matcher.group(2) == null ? "ms" : matcher.group(2).toLowerCase(Locale.ROOT);
    BigDecimal nanos = amount.multiply(BigDecimal.valueOf(nanosPer(unit)));
    try {
      return Duration.ofNanos(nanos.setScale(0, RoundingMode.DOWN).longValueExact());
    } catch (ArithmeticException tooLong) {
      return null;
    }
  }

  /** Writes a duration the way a person would set it: {@code 200ms}, {@code 30s}, {@code 2h}. */
  static String format(Duration duration) {
    long nanos;
    try {
      nanos = duration.toNanos();
    } catch (ArithmeticException tooLong) {
      return duration.toString();
    }
    for (String unit : List.of("h", "m", "s", "ms")) {
      if (nanos != 0 && nanos % nanosPer(unit) == 0) {
        return nanos / nanosPer(unit) + unit;
      }
    }
    return nanos == 0 ? "0ms" : duration.toString();
  }

  /**
   * Returns whether a key holds a secret: its name has password, secret, token, jaas, credentials
   * or private in it, or its last part is {@code key} ({@code ssl.keystore.key}, {@code api-key};
   * not {@code key.serializer}).
   */
  static boolean isSecret(String key) {
    String name = key.toLowerCase(Locale.ROOT);
    for (String word : SECRET_WORDS) {
      if (name.contains(word)) {
        return true;
      }
    }
    String[] parts = name.split("[.\\-_]");
    return parts.length > 0 && parts[parts.length - 1].equals("key");
  }

  /** Returns the value as it may appear in messages and logs: masked if the key is a secret. */
  static String shown(String key, String value) {
    return isSecret(key) ? MASK : value;
  }

  private static Duration isoDuration(String value) {
    try {
      return Duration.parse(value);
    } catch (DateTimeParseException notIso) {
      return null;
    }
  }

  private static long nanosPer(String unit) {
    return switch (unit) {
      case "h" -> Duration.ofHours(1).toNanos();
      case "m" -> Duration.ofMinutes(1).toNanos();
      case "s" -> Duration.ofSeconds(1).toNanos();
      default -> Duration.ofMillis(1).toNanos();
    };
  }
}
