package dev.mom.transport.pubsub;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Names the subscription of a consumer group: the rule {@code subscription-name} (by default {@code
 * {topic}.{group}}) with both filled in, then made valid for Pub/Sub.
 *
 * <p>Pub/Sub takes 3 to 255 characters from {@code [A-Za-z0-9-._~+%]}, starting with a letter and
 * not with {@code goog}. Any other character is written as {@code %XX} for each of its UTF-8 bytes
 * ({@code %} itself too, so distinct groups never share a name); a name that does not start with a
 * letter, starts with {@code goog} or is shorter than 3 gets the prefix {@code mom-}; a name longer
 * than 255 is cut and ends with a hash of the whole.
 */
final class SubscriptionNames {
  static final int MAX_LENGTH = 255;
  static final String PREFIX = "mom-";
  private static final int HASH_LENGTH = 16;

  private SubscriptionNames() {}

  /**
   * Returns the subscription id for a group on a topic.
   *
   * @param rule the naming rule, holding {@code {group}} and maybe {@code {topic}}
   * @param topic the topic id
   * @param group the consumer group
   * @return a valid Pub/Sub subscription id
   */
  static String of(String rule, String topic, String group) {
    String raw = rule.replace("{topic}", topic).replace("{group}", group);
    return fitLength(prefixIfNeeded(escape(raw)));
  }

  private static String escape(String raw) {
    StringBuilder out = new StringBuilder(raw.length());
    for (byte b : raw.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (isAllowed(c)) {
        out.append(c);
      } else {
        out.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
      }
    }
    return out.toString();
  }

  private static boolean isAllowed(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~'
        || c == '+';
  }

  private static String prefixIfNeeded(String name) {
    boolean startsWithLetter = !name.isEmpty() && Character.isLetter(name.charAt(0));
    boolean reserved = name.toLowerCase(Locale.ROOT).startsWith("goog");
    if (!startsWithLetter || reserved || name.length() < 3) {
      return PREFIX + name;
    }
    return name;
  }

  private static String fitLength(String name) {
    if (name.length() <= MAX_LENGTH) {
      return name;
    }
    String hash = sha256(name).substring(0, HASH_LENGTH);
    return name.substring(0, MAX_LENGTH - HASH_LENGTH - 1) + "-" + hash;
  }

  private static String sha256(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException impossible) {
      // Every Java runtime must provide SHA-256.
      throw new IllegalStateException(impossible);
    }
  }
}
