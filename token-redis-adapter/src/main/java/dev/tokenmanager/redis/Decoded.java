package dev.tokenmanager.redis;

/**
 * The outcome of decoding a stored value: either the value, or the reason it was rejected.
 *
 * @param value the decoded value, or null if rejected
 * @param reason why the value was rejected (never containing the value), or null if accepted
 * @param <T> the type of the decoded value
 */
record Decoded<T>(T value, String reason) {

  Decoded {
    if ((value == null) == (reason == null)) {
      throw new IllegalArgumentException("exactly one of value and reason must be set, but value was "
          + (value == null ? "null" : "set") + " and reason was " + reason);
    }
  }

  static <T> Decoded<T> accepted(T value) {
    return new Decoded<>(value, null);
  }

  static <T> Decoded<T> rejected(String reason) {
    return new Decoded<>(null, reason);
  }

  boolean isAccepted() {
    return value != null;
  }
}
