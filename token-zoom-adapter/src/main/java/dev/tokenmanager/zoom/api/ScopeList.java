package dev.tokenmanager.zoom.api;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses the scope list out of Zoom's missing-scope message, such as {@code Invalid access token,
 * does not contain scopes:[meeting:read:admin, user:read:admin].}
 *
 * <p>Lenient about the wording (case, spaces around the colon, commas or spaces between scopes,
 * quotes around each, a missing closing bracket), strict about the size: at most {@link #MAX_SCOPES}
 * scopes of at most {@link #MAX_SCOPE_LENGTH} characters each, without control characters.
 */
final class ScopeList {

  /** The most scopes kept from one message. */
  static final int MAX_SCOPES = 50;

  /** The longest scope name kept, in characters; longer ones are cut. */
  static final int MAX_SCOPE_LENGTH = 100;

  private static final String MARKER = "scopes";

  private ScopeList() {}

  /**
   * Returns the scopes a message lists.
   *
   * @param message Zoom's message, may be null
   * @return the scopes in their order, without duplicates; empty if the message lists none
   */
  static List<String> parse(String message) {
    if (message == null) {
      return List.of();
    }
    String lower = message.toLowerCase(Locale.ROOT);
    int open = listStart(message, lower);
    if (open < 0) {
      return List.of();
    }
    int close = message.indexOf(']', open);
    String list = message.substring(open, close < 0 ? message.length() : close);
    Set<String> scopes = new LinkedHashSet<>();
    for (String part : list.split("[,\\s]+")) {
      String scope = ApiError.excerpt(strip(part), MAX_SCOPE_LENGTH);
      if (!scope.isEmpty() && scopes.size() < MAX_SCOPES) {
        scopes.add(scope);
      }
    }
    return List.copyOf(scopes);
  }

  /** Returns the index just after the '[' of "scopes : [", or -1 when the message has none. */
  private static int listStart(String message, String lower) {
    for (int at = lower.indexOf(MARKER); at >= 0; at = lower.indexOf(MARKER, at + 1)) {
      int i = skipSpaces(message, at + MARKER.length());
      if (i < message.length() && message.charAt(i) == ':') {
        i = skipSpaces(message, i + 1);
        if (i < message.length() && message.charAt(i) == '[') {
          return i + 1;
        }
      }
    }
    return -1;
  }

  private static int skipSpaces(String text, int from) {
    int i = from;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static String strip(String part) {
    String s = part.strip();
    while (!s.isEmpty() && "\"'".indexOf(s.charAt(0)) >= 0) {
      s = s.substring(1);
    }
    while (!s.isEmpty() && "\"'.".indexOf(s.charAt(s.length() - 1)) >= 0) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }
}
