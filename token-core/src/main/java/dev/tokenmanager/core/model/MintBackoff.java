package dev.tokenmanager.core.model;

import java.time.Instant;

/**
 * The shared record of failed mint attempts for one key: how many failed in a row, what the last
 * failure was, and when the fleet may try again. Stored next to the token so that every process
 * backs off as one.
 *
 * @param failures consecutive failed attempts, 1 or more
 * @param kind what kind of failure the last one was
 * @param reason a short reason built from parsed fields (never a secret or a token)
 * @param nextAttemptAt the earliest time any process may try again
 */
public record MintBackoff(int failures, FailureKind kind, String reason, Instant nextAttemptAt) {

  /**
   * Validates the record.
   *
   * @throws IllegalArgumentException if failures is below 1 or a field is missing
   */
  public MintBackoff {
    if (failures < 1) {
      throw new IllegalArgumentException("failures must be 1 or more, but was " + failures);
    }
    if (kind == null || nextAttemptAt == null) {
      throw new IllegalArgumentException("kind and nextAttemptAt are required, but were " + kind + " and " + nextAttemptAt);
    }
    reason = reason == null ? "" : reason;
  }
}
