package dev.tokenmanager.core;

import dev.tokenmanager.core.event.TokenEvent;
import dev.tokenmanager.core.event.TokenEventListener;
import dev.tokenmanager.core.port.Clock;
import dev.tokenmanager.core.port.TokenSource;
import dev.tokenmanager.core.port.TokenStore;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.DoubleSupplier;

/** Everything a manager's keys share: ports, policies and settings. */
record Context(
    TokenSource source,
    TokenStore store,
    StoreGuard guard,
    Clock clock,
    TokenEventListener listener,
    Executor executor,
    RefreshPolicy refreshPolicy,
    RetryPolicy retryPolicy,
    Duration maxWait,
    Duration leaseTtl,
    Duration pollInterval,
    Duration storeProbeInterval,
    DoubleSupplier random,
    String instanceId,
    boolean recordStats,
    Duration invalidationCooldown) {

  void emit(TokenEvent event) {
    try {
      listener.onEvent(event);
    } catch (RuntimeException ignored) {
      // a listener must never break a refresh
    }
  }
}
