package dev.tokenmanager.zoom;

/**
 * What the token endpoint answered, reduced to what the classification needs: the status, the few
 * headers that matter and at most {@link #MAX_BODY_BYTES} of the body.
 *
 * @param status the HTTP status
 * @param contentType the {@code Content-Type} media type without parameters, or empty
 * @param retryAfter the {@code Retry-After} value, or null
 * @param rateLimitType the {@code X-RateLimit-Type} value, or null
 * @param body the body bytes read, at most {@link #MAX_BODY_BYTES}
 * @param truncated whether the body was longer than {@link #MAX_BODY_BYTES}
 */
record EndpointAnswer(
    int status, String contentType, String retryAfter, String rateLimitType, byte[] body, boolean truncated) {

  /** The most body bytes read: more than any token response, and a bound on what a broken server costs. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  /**
   * Normalises the optional components.
   *
   * @throws IllegalArgumentException if the status is outside 100..999
   */
  EndpointAnswer {
    if (status < 100 || status > 999) {
      throw new IllegalArgumentException("status must be between 100 and 999, but was " + status);
    }
    contentType = contentType == null ? "" : contentType;
    body = body == null ? new byte[0] : body;
  }

  /** Returns whether no body bytes arrived (or only white space). */
  boolean emptyBody() {
    for (byte b : body) {
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return false;
      }
    }
    return true;
  }

  /** Returns a short description of a body that is not usable JSON, such as {@code (text/html)}. */
  String bodyShape() {
    if (emptyBody()) {
      return "an empty body";
    }
    String type = contentType.isEmpty() ? "no content type" : Excerpt.of(contentType, 60);
    return "a non-JSON body (" + type + (truncated ? ", over " + MAX_BODY_BYTES + " bytes" : "") + ")";
  }

  /** Returns a text without the body, which may hold a token. */
  @Override
  public String toString() {
    return "EndpointAnswer[status=" + status + ", contentType=" + contentType + ", bodyBytes=" + body.length
        + (truncated ? "+" : "") + "]";
  }
}
