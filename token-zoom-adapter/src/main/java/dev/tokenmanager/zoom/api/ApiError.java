package dev.tokenmanager.zoom.api;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * What a Zoom API error response says, reduced to what the classification and the messages use: the
 * HTTP status and the {@code code} and {@code message} of Zoom's JSON body ({@code {"code":124,
 * "message":"Invalid access token."}}).
 *
 * <p>Decisions are taken on {@link #status()} and {@link #code()} only, never on the message, whose
 * case and wording vary. The message is kept whole (it is bounded by the body limit of the decoder)
 * because the scope list is parsed from it; {@link #shownMessage()} is the capped, single-line form that
 * goes into exception messages.
 *
 * @param status the HTTP status
 * @param code Zoom's numeric {@code code}, or empty if the body names none
 * @param message Zoom's {@code message}, or empty
 */
record ApiError(int status, OptionalInt code, String message) {

  /** The longest message excerpt, in characters, shown in an exception message. */
  static final int MAX_SHOWN = 200;

  /**
   * Normalises absent parts.
   *
   * @throws IllegalArgumentException if the status is outside 100..999
   */
  ApiError {
    if (status < 100 || status > 999) {
      throw new IllegalArgumentException("status must be between 100 and 999, but was " + status);
    }
    code = code == null ? OptionalInt.empty() : code;
    message = message == null ? "" : message;
  }

  /**
   * Returns whether this is the given status with the given Zoom code.
   *
   * @param expectedStatus the HTTP status
   * @param expectedCode the Zoom code
   * @return whether both match
   */
  boolean is(int expectedStatus, int expectedCode) {
    return status == expectedStatus && code.isPresent() && code.getAsInt() == expectedCode;
  }

  /** Returns the message capped at {@link #MAX_SHOWN} characters, control characters as spaces. */
  String shownMessage() {
    return excerpt(message, MAX_SHOWN);
  }

  /**
   * Returns the error as text for an exception message, such as {@code HTTP 404, code 1001, message
   * 'User does not exist.'}.
   *
   * @return the description
   */
  String describe() {
    List<String> parts = new ArrayList<>(3);
    parts.add("HTTP " + status);
    code.ifPresent(c -> parts.add("code " + c));
    String shown = shownMessage();
    if (!shown.isEmpty()) {
      parts.add("message '" + shown + "'");
    }
    return String.join(", ", parts);
  }

  /**
   * Returns a single-line copy of a server-supplied text, cut at a length: control characters become
   * spaces, so nothing the server sends can forge a log line.
   *
   * @param text the text, may be null
   * @param maxLength the longest result before the ellipsis
   * @return the excerpt, empty for null
   */
  static String excerpt(String text, int maxLength) {
    if (text == null) {
      return "";
    }
    String stripped = text.strip();
    StringBuilder sb = new StringBuilder(Math.min(stripped.length(), maxLength) + 1);
    for (int i = 0; i < stripped.length() && i < maxLength; i++) {
      char c = stripped.charAt(i);
      sb.append(Character.isISOControl(c) ? ' ' : c);
    }
    return stripped.length() > maxLength ? sb.append('…').toString() : sb.toString();
  }
}
