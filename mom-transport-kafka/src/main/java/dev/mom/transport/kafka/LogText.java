package dev.mom.transport.kafka;

/** Makes untrusted text (keys, topic names from the wire) safe for one log line. */
final class LogText {

  private static final int MAX_LENGTH = 200;

  private LogText() {}

  /**
   * Escapes control characters and quotes, and shortens long text, so a key cannot forge log lines.
   *
   * @param text the text, or {@code null}
   * @return the text in double quotes, or {@code null} unquoted
   */
  static String quote(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_LENGTH) + 2).append('"');
    int end = Math.min(text.length(), MAX_LENGTH);
    for (int i = 0; i < end; i++) {
      appendEscaped(out, text.charAt(i));
    }
    if (text.length() > MAX_LENGTH) {
      out.append("...");
    }
    return out.append('"').toString();
  }

  private static void appendEscaped(StringBuilder out, char c) {
    if (c == '"' || c == '\\') {
      out.append('\\').append(c);
    } else if (c < 0x20 || c == 0x7f || Character.getType(c) == Character.FORMAT) {
      out.append(String.format("\\u%04x", (int) c));
    } else {
      out.append(c);
    }
  }
}
