package dev.tokenmanager.app.serve;

import dev.tokenmanager.core.event.TokenEvent;
import dev.tokenmanager.core.event.TokenEventListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Turns token events into Micrometer meters: mints by outcome, refresh latency, store-layer hits
 * (adoptions), lease waits, invalidations and store degradation.
 */
final class MetricsListener implements TokenEventListener {

  private final MeterRegistry registry;

  MetricsListener(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void onEvent(TokenEvent event) {
    String key = event.key() == null ? "" : event.key().toString();
    if (event instanceof TokenEvent.Minted e) {
      registry.counter("token_mints", "key", key, "outcome", "success", "kind", "none").increment();
      registry.counter("token_cache_hits", "key", key, "layer", "endpoint").increment();
      Timer.builder("token_refresh_latency").tag("key", key).publishPercentileHistogram()
          .register(registry).record(e.latency());
    } else if (event instanceof TokenEvent.RefreshFailed e) {
      registry.counter("token_mints", "key", key, "outcome", "failure", "kind", e.kind().name()).increment();
    } else if (event instanceof TokenEvent.Adopted) {
      registry.counter("token_cache_hits", "key", key, "layer", "store").increment();
    } else if (event instanceof TokenEvent.LeaseWaited e) {
      registry.counter("token_lease_waits", "key", key, "adopted", Boolean.toString(e.adopted())).increment();
      registry.timer("token_lease_wait_time", "key", key).record(e.waited());
    } else if (event instanceof TokenEvent.Invalidated e) {
      registry.counter("token_invalidations", "key", key, "evicted", Boolean.toString(e.evicted())).increment();
    } else if (event instanceof TokenEvent.StoreDegraded) {
      registry.counter("token_store_transitions", "key", key, "to", "degraded").increment();
    } else if (event instanceof TokenEvent.StoreRecovered) {
      registry.counter("token_store_transitions", "key", key, "to", "shared").increment();
    } else if (event instanceof TokenEvent.StoreValueRejected) {
      registry.counter("token_store_values_rejected", "key", key).increment();
    }
  }
}
