package dev.tokenmanager.zoom;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The fields of an error body that the classification and the messages use, each already capped and
 * stripped of control characters. Zoom's token endpoint sends {@code {"reason": ..., "error": ...}};
 * the API and some gateways send {@code {"code": ..., "message": ...}}.
 *
 * @param reason Zoom's {@code reason}, or empty
 * @param error the OAuth {@code error}, or empty
 * @param code the numeric {@code code}, or empty
 * @param message the {@code message}, or empty
 */
record ErrorBody(String reason, String error, OptionalInt code, String message) {

  /**
   * Normalises absent texts to empty ones.
   *
   * @throws IllegalArgumentException never; null components become empty
   */
  ErrorBody {
    reason = Excerpt.of(reason);
    error = Excerpt.of(error, 64);
    code = code == null ? OptionalInt.empty() : code;
    message = Excerpt.of(message);
  }

  /** Returns whether the body names an error at all (an {@code error} or a {@code code}). */
  boolean namesAnError() {
    return !error.isEmpty() || code.isPresent();
  }

  /**
   * Returns the fields as text for an exception message, such as {@code error 'invalid_client', reason
   * 'Invalid client_id or client_secret'}.
   *
   * @return the description, or {@code no error fields} when none is present
   */
  String describe() {
    List<String> parts = new ArrayList<>(4);
    if (!error.isEmpty()) {
      parts.add("error '" + error + "'");
    }
    if (!reason.isEmpty()) {
      parts.add("reason '" + reason + "'");
    }
    code.ifPresent(c -> parts.add("code " + c));
    if (!message.isEmpty()) {
      parts.add("message '" + message + "'");
    }
    return parts.isEmpty() ? "no error fields" : String.join(", ", parts);
  }
}
