package dev.tokenmanager.core;

import dev.tokenmanager.core.model.FailureKind;
import dev.tokenmanager.core.model.TokenKey;
import java.time.Duration;
import java.time.Instant;

/**
 * A snapshot of one key's state in one manager, for health endpoints and logs. Never holds a token
 * value: only its fingerprint.
 *
 * @param key the key
 * @param state the state of the current token
 * @param mode whether the shared store works ({@link Mode#SHARED}) or the manager works around it
 * @param fingerprint the current token's fingerprint, or null if there is none
 * @param expiresAt the current token's expiry, or null
 * @param remaining the current token's remaining life (zero when none or expired)
 * @param lastMintAt when this process last minted a token for the key, or null
 * @param lastFailureKind the kind of the last refresh failure, or null if the last refresh succeeded
 * @param lastFailureMessage the message of the last refresh failure, or null
 * @param consecutiveFailures failed refreshes in a row
 * @param nextAttemptAt when the next mint attempt may happen after a failure, or null
 */
public record TokenHealth(
    TokenKey key,
    State state,
    Mode mode,
    String fingerprint,
    Instant expiresAt,
    Duration remaining,
    Instant lastMintAt,
    FailureKind lastFailureKind,
    String lastFailureMessage,
    int consecutiveFailures,
    Instant nextAttemptAt) {

  /** The state of the current token. */
  public enum State {
    /** Before its refresh point: served from memory, nothing to do. */
    FRESH,
    /** Past its refresh point, before its hard deadline: still served, a refresh is due. */
    STALE,
    /** Past its hard deadline: never handed out; callers wait for a refresh. */
    EXPIRED,
    /** No token yet. */
    NONE
  }

  /** Whether the shared store is in use. */
  public enum Mode {
    /** The shared store answers; the fleet shares one token. */
    SHARED,
    /** The shared store fails; this process works from its own token until the store answers again. */
    DEGRADED
  }

  /**
   * Returns whether callers can be served a token right now.
   *
   * @return true in {@link State#FRESH} and {@link State#STALE}
   */
  public boolean serving() {
    return state == State.FRESH || state == State.STALE;
  }
}
