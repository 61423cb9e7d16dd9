package dev.tokenmanager.core;

import dev.tokenmanager.core.model.AccessToken;

/**
 * The refresh schedule of one slot of a {@link TokenPool}: slots rotate on a shared grid, each at its
 * own phase, so their tokens expire evenly spread instead of together.
 *
 * <p>The grid period is a token's nominal rotation period (issue to the middle of the refresh window)
 * and slot {@code i} of {@code n} owns the grid points at {@code i/n} of a period, counted from the
 * epoch, so every process computes the same grid without talking to the others. A slot's token is
 * refreshed at the latest of its grid points before the refresh window closes, plus a small jitter
 * (at most a minute, and at most half a slot's share of the period) so a fleet does not wake at one
 * instant. Because the grid point is chosen anew from each token, phases never drift: after the first
 * rotation (which may come early, to take up its phase) the slots stay spread by a period over n.
 */
record SlotSchedule(int slot, int size) {

  private static final long MAX_JITTER_MILLIS = 60_000;

  long refreshAt(RefreshPolicy policy, AccessToken token, double draw) {
    long issued = token.issuedAt().toEpochMilli();
    long close = policy.windowClose(token);
    long period = Math.max(1, policy.refreshAt(token, 0.5) - issued);
    long phase = Math.floorMod(period * slot / size, period);
    long gridPoint = close - Math.floorMod(close - phase, period);
    long jitter = (long) (draw * Math.min(MAX_JITTER_MILLIS, period / (2L * size)));
    return Math.max(issued + 1, Math.min(gridPoint + jitter, close));
  }
}
