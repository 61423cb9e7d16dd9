package dev.tokenmanager.core;

import dev.tokenmanager.core.model.AccessToken;
import java.time.Duration;

/**
 * When a token is refreshed and until when it may be handed out.
 *
 * <p>Each process draws a token's refresh point once, uniformly inside the refresh window (by
 * default 10 to 5 minutes before expiry), so a fleet does not wake all at once. After its hard
 * deadline ({@code expiresAt - minRemaining}, default 60 s) a token is never handed out.
 *
 * <p>A token whose whole life is not longer than {@code windowStart} (Zoom may answer with any
 * {@code expires_in}; the demo uses 20 s) is refreshed at a fraction of its life instead, drawn
 * between {@value #SHORT_LIFE_REFRESH_FROM} and {@value #SHORT_LIFE_REFRESH_TO}, and its hard margin
 * is at most {@value #SHORT_LIFE_HARD_FRACTION} of its life: never at once, never too late.
 *
 * @param windowStart how long before expiry the refresh window opens
 * @param windowEnd how long before expiry the refresh window closes
 * @param minRemaining the validity a token must still have to be handed out
 */
public record RefreshPolicy(Duration windowStart, Duration windowEnd, Duration minRemaining) {

  /** Fraction of a short life at which the refresh window opens. */
  public static final double SHORT_LIFE_REFRESH_FROM = 0.5;
  /** Fraction of a short life at which the refresh window closes. */
  public static final double SHORT_LIFE_REFRESH_TO = 0.75;
  /** Largest hard margin of a short-lived token, as a fraction of its life. */
  public static final double SHORT_LIFE_HARD_FRACTION = 0.1;

  /**
   * Validates the policy.
   *
   * @throws IllegalArgumentException unless {@code windowStart > windowEnd > minRemaining > 0}
   */
  public RefreshPolicy {
    if (windowStart == null || windowEnd == null || minRemaining == null) {
      throw new IllegalArgumentException("windowStart, windowEnd and minRemaining are required");
    }
    if (minRemaining.isNegative() || minRemaining.isZero()) {
      throw new IllegalArgumentException("minRemaining must be greater than 0, but was " + minRemaining);
    }
    if (windowEnd.compareTo(minRemaining) <= 0) {
      throw new IllegalArgumentException(
          "windowEnd must be greater than minRemaining (" + minRemaining + "), but was " + windowEnd);
    }
    if (windowStart.compareTo(windowEnd) <= 0) {
      throw new IllegalArgumentException(
          "windowStart must be greater than windowEnd (" + windowEnd + "), but was " + windowStart);
    }
  }

  /**
   * Returns the defaults: refresh 10 to 5 minutes before expiry, hand out nothing with less than 60 s left.
   *
   * @return the default policy
   */
  public static RefreshPolicy defaults() {
    return new RefreshPolicy(Duration.ofMinutes(10), Duration.ofMinutes(5), Duration.ofSeconds(60));
  }

  /**
   * Returns this policy with another refresh window.
   *
   * @param start how long before expiry the window opens
   * @param end how long before expiry it closes
   * @return the new policy
   */
  public RefreshPolicy withWindow(Duration start, Duration end) {
    return new RefreshPolicy(start, end, minRemaining);
  }

  /**
   * Returns this policy with another minimum remaining validity.
   *
   * @param newMinRemaining the validity a token must still have to be handed out
   * @return the new policy
   */
  public RefreshPolicy withMinRemaining(Duration newMinRemaining) {
    return new RefreshPolicy(windowStart, windowEnd, newMinRemaining);
  }

  /**
   * Returns the validity a token keeps when it stops being handed out: {@code minRemaining}, or a
   * tenth of its life for a short-lived token.
   *
   * @param token the token
   * @return its hard margin
   */
  public Duration hardMargin(AccessToken token) {
    return Duration.ofMillis(token.expiresAtMillis() - hardDeadline(token));
  }

  /** Computes a token's refresh point, in epoch milliseconds, from a uniform draw in [0, 1). */
  long refreshAt(AccessToken token, double draw) {
    long issued = token.issuedAt().toEpochMilli();
    long expires = token.expiresAtMillis();
    long life = expires - issued;
    if (life <= windowStart.toMillis()) {
      double fraction = SHORT_LIFE_REFRESH_FROM + (SHORT_LIFE_REFRESH_TO - SHORT_LIFE_REFRESH_FROM) * draw;
      return issued + (long) (life * fraction);
    }
    long opens = expires - windowStart.toMillis();
    long closes = expires - windowEnd.toMillis();
    return opens + (long) ((closes - opens) * draw);
  }

  /** Returns when a token's refresh window closes, in epoch milliseconds. */
  long windowClose(AccessToken token) {
    long issued = token.issuedAt().toEpochMilli();
    long expires = token.expiresAtMillis();
    long life = expires - issued;
    return life <= windowStart.toMillis() ? issued + (long) (life * SHORT_LIFE_REFRESH_TO) : expires - windowEnd.toMillis();
  }

  /** Computes a token's hard deadline, in epoch milliseconds. */
  long hardDeadline(AccessToken token) {
    long expires = token.expiresAtMillis();
    long life = expires - token.issuedAt().toEpochMilli();
    long margin = minRemaining.toMillis();
    if (life <= windowStart.toMillis()) {
      margin = Math.min(margin, (long) (life * SHORT_LIFE_HARD_FRACTION));
    }
    return expires - margin;
  }
}
