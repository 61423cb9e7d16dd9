package dev.tokenmanager.core;

import dev.tokenmanager.core.model.AccessToken;

/** A token with this process's schedule for it, precomputed so the hot path only compares longs. */
final class Entry {

  final AccessToken token;
  final long refreshAt;
  final long hardDeadline;
  final long expiresAt;

  Entry(AccessToken token, long refreshAt, long hardDeadline) {
    this.token = token;
    this.refreshAt = refreshAt;
    this.hardDeadline = hardDeadline;
    this.expiresAt = token.expiresAtMillis();
  }

  /** Whether the token may be handed to a caller that needs {@code minRemainingMillis} of validity. */
  boolean usable(long now, long minRemainingMillis) {
    return now < hardDeadline && now + minRemainingMillis < expiresAt;
  }

  boolean fresh(long now) {
    return now < refreshAt;
  }
}
