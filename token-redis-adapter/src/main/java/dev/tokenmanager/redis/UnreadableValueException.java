package dev.tokenmanager.redis;

/**
 * A stored value cannot be read as a Token Manager record. The message says what is wrong, in terms
 * of the format (offsets, field names), and never contains any part of the value itself.
 */
final class UnreadableValueException extends Exception {

  UnreadableValueException(String reason) {
    super(reason, null, false, false);
  }
}
