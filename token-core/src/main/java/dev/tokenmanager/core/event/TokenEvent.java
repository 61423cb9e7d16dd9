package dev.tokenmanager.core.event;

import dev.tokenmanager.core.model.FailureKind;
import dev.tokenmanager.core.model.TokenKey;
import java.time.Duration;
import java.time.Instant;

/**
 * Something the token manager or a store decided or observed, for metrics, logs and health. Events
 * carry token fingerprints, never token values or secrets.
 */
public sealed interface TokenEvent {

  /** Returns when it happened, on the manager's clock. */
  Instant at();

  /** Returns the key concerned, or null for a store-wide event. */
  TokenKey key();

  /**
   * A new token was minted by this process.
   *
   * @param at when
   * @param key the key
   * @param fingerprint the new token's fingerprint
   * @param expiresAt its expiry
   * @param latency how long the token request took
   */
  record Minted(Instant at, TokenKey key, String fingerprint, Instant expiresAt, Duration latency) implements TokenEvent {}

  /**
   * This process took a token another process had stored, instead of minting.
   *
   * @param at when
   * @param key the key
   * @param fingerprint the adopted token's fingerprint
   * @param expiresAt its expiry
   */
  record Adopted(Instant at, TokenKey key, String fingerprint, Instant expiresAt) implements TokenEvent {}

  /**
   * A refresh failed; the current token, if still valid, keeps being served.
   *
   * @param at when
   * @param key the key
   * @param kind what failed
   * @param message the failure's message (free of secrets)
   * @param consecutiveFailures failures in a row for this key
   * @param nextAttemptAt when the next attempt may happen
   */
  record RefreshFailed(Instant at, TokenKey key, FailureKind kind, String message, int consecutiveFailures,
      Instant nextAttemptAt) implements TokenEvent {}

  /**
   * This process waited for another process's refresh (it did not hold the refresh lease).
   *
   * @param at when the wait ended
   * @param key the key
   * @param waited how long it waited
   * @param adopted whether the wait ended with the other process's token
   */
  record LeaseWaited(Instant at, TokenKey key, Duration waited, boolean adopted) implements TokenEvent {}

  /**
   * A token was reported rejected by an API and invalidated.
   *
   * @param at when
   * @param key the key
   * @param fingerprint the rejected token's fingerprint
   * @param evicted whether it was still the current token (false: a late report, ignored)
   */
  record Invalidated(Instant at, TokenKey key, String fingerprint, boolean evicted) implements TokenEvent {}

  /**
   * The shared store failed; the manager works from its in-process token and fallback.
   *
   * @param at when
   * @param key the key concerned, or null
   * @param message the store error's message
   */
  record StoreDegraded(Instant at, TokenKey key, String message) implements TokenEvent {}

  /**
   * The shared store answers again after a failure.
   *
   * @param at when
   * @param key the key concerned, or null
   * @param downFor how long it had been failing
   */
  record StoreRecovered(Instant at, TokenKey key, Duration downFor) implements TokenEvent {}

  /**
   * A store held a value under a token key that it could not read (corrupt, foreign or of an unknown
   * format version); it was treated as absent.
   *
   * @param at when
   * @param key the key
   * @param reason why it was rejected (never the value itself)
   */
  record StoreValueRejected(Instant at, TokenKey key, String reason) implements TokenEvent {}
}
