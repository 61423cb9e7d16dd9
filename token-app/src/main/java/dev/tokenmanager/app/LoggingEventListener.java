package dev.tokenmanager.app;

import dev.tokenmanager.core.event.TokenEvent;
import dev.tokenmanager.core.event.TokenEventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns token events into log lines: mints, recoveries and invalidations at INFO, failures and
 * degradation at WARN, routine adoption at DEBUG. Shows fingerprints only, never token values.
 */
public final class LoggingEventListener implements TokenEventListener {

  private static final Logger LOG = LoggerFactory.getLogger("dev.tokenmanager.events");

  @Override
  public void onEvent(TokenEvent event) {
    if (event instanceof TokenEvent.Minted e) {
      LOG.info("minted {} for {} in {} ms, expires {}", e.fingerprint(), e.key(), e.latency().toMillis(), e.expiresAt());
    } else if (event instanceof TokenEvent.Adopted e) {
      LOG.debug("adopted {} for {} from the store, expires {}", e.fingerprint(), e.key(), e.expiresAt());
    } else if (event instanceof TokenEvent.RefreshFailed e) {
      LOG.warn("refresh of {} failed ({}, {} in a row, next attempt {}): {}", e.key(), e.kind(),
          e.consecutiveFailures(), e.nextAttemptAt(), e.message());
    } else if (event instanceof TokenEvent.LeaseWaited e) {
      LOG.debug("waited {} ms for another process's refresh of {} (adopted: {})", e.waited().toMillis(), e.key(),
          e.adopted());
    } else if (event instanceof TokenEvent.Invalidated e) {
      LOG.info("token {} of {} reported rejected ({})", e.fingerprint(), e.key(),
          e.evicted() ? "evicted" : "already replaced");
    } else if (event instanceof TokenEvent.StoreDegraded e) {
      if (e.key() == null) {
        LOG.warn("one store of the failover group is failing; the next one serves: {}", e.message());
      } else {
        LOG.warn("token store failing for {}; working from this process's token: {}", e.key(), e.message());
      }
    } else if (event instanceof TokenEvent.StoreRecovered e) {
      LOG.info("token store answers again{} after {} ms", e.key() == null ? "" : " for " + e.key(),
          e.downFor().toMillis());
    } else if (event instanceof TokenEvent.StoreValueRejected e) {
      LOG.warn("unreadable value in the store for {} treated as absent: {}", e.key(), e.reason());
    }
  }
}
