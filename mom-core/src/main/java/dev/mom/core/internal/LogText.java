package dev.mom.core.internal;

/**
 * Makes untrusted text (message ids, error messages that quote payloads) safe for one log line:
 * control characters are escaped so that no one can forge log lines, and long text is cut.
 */
public final class LogText {
  private static final int MAX_LENGTH = 256;

  private LogText() {}

  /**
   * Returns the text with control and line-separator characters escaped as {@code \\uXXXX}, cut to
   * 256 characters; {@code "null"} for {@code null}.
   */
  public static String escape(String text) {
    if (text == null) {
      return "null";
    }
    int length = Math.min(text.length(), MAX_LENGTH);
    StringBuilder out = null;
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (needsEscape(c)) {
        if (out == null) {
          out = new StringBuilder(length + 16).append(text, 0, i);
        }
        out.append(String.format("\\u%04x", (int) c));
      } else if (out != null) {
        out.append(c);
      }
    }
    String safe = out == null ? text.substring(0, length) : out.toString();
    return text.length() > MAX_LENGTH ? safe + "…" : safe;
  }

  private static boolean needsEscape(char c) {
    return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
  }
}
