package dev.mom.transport.inmemory;

/** Makes untrusted text safe for log lines and thread names. */
final class Text {

  /** Longer text is cut, so that one odd name cannot flood a log. */
  private static final int MAX_LENGTH = 200;

  private Text() {}

  /**
   * Escapes control characters and line separators as Java-style Unicode escapes, and cuts the text
   * at {@value #MAX_LENGTH} characters.
   *
   * @param text the text, or {@code null}
   * @return the escaped text; {@code "null"} for {@code null}
   */
  static String escape(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_LENGTH) + 8);
    for (int i = 0; i < text.length() && out.length() < MAX_LENGTH; i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return text.length() > MAX_LENGTH ? out + "…" : out.toString();
  }
}
