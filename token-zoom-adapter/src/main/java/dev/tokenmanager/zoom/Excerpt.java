package dev.tokenmanager.zoom;

/**
 * Makes server-supplied or user-supplied text safe to put into a message: control characters become
 * spaces (no log injection) and the length is capped.
 */
final class Excerpt {

  /** The longest excerpt, in characters, before the ellipsis. */
  static final int MAX_LENGTH = 200;

  private Excerpt() {}

  /**
   * Returns a capped, single-line copy of a text.
   *
   * @param text the text, may be null
   * @return the excerpt, empty for null
   */
  static String of(String text) {
    return of(text, MAX_LENGTH);
  }

  /**
   * Returns a single-line copy of a text, cut at a length.
   *
   * @param text the text, may be null
   * @param maxLength the longest result before the ellipsis
   * @return the excerpt, empty for null
   */
  static String of(String text, int maxLength) {
    if (text == null) {
      return "";
    }
    String stripped = text.strip();
    boolean cut = stripped.length() > maxLength;
    StringBuilder sb = new StringBuilder(Math.min(stripped.length(), maxLength) + 1);
    for (int i = 0; i < stripped.length() && i < maxLength; i++) {
      char c = stripped.charAt(i);
      sb.append(Character.isISOControl(c) ? ' ' : c);
    }
    return cut ? sb.append('…').toString() : sb.toString();
  }

  /**
   * Returns a capped copy of a text with control characters written as Java escapes (a newline as
   * backslash-n) and nothing stripped, so that a message shows exactly what was wrong.
   *
   * @param text the text, may be null
   * @return the escaped excerpt, empty for null
   */
  static String escaped(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    int i = 0;
    for (; i < text.length() && sb.length() < MAX_LENGTH; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> sb.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return i < text.length() ? sb.append('…').toString() : sb.toString();
  }
}
