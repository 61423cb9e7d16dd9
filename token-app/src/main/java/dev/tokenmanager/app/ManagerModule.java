package dev.tokenmanager.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.tokenmanager.core.RefreshPolicy;
import dev.tokenmanager.core.TokenManager;
import dev.tokenmanager.core.event.TokenEventListener;
import dev.tokenmanager.core.model.TokenKey;
import dev.tokenmanager.core.port.Clock;
import dev.tokenmanager.core.port.TokenSource;
import dev.tokenmanager.core.port.TokenStore;
import dev.tokenmanager.memory.CaffeineTokenStore;
import java.util.List;

/** Provides the token manager for a list of keys, the first being the default. */
public final class ManagerModule extends AbstractModule {

  private final List<TokenKey> keys;
  private final RefreshPolicy refreshPolicy;
  private final boolean recordStats;

  /**
   * Creates the module.
   *
   * @param keys the keys the manager serves; the first is the default
   * @param refreshPolicy when tokens are refreshed
   */
  public ManagerModule(List<TokenKey> keys, RefreshPolicy refreshPolicy) {
    this(keys, refreshPolicy, false);
  }

  private ManagerModule(List<TokenKey> keys, RefreshPolicy refreshPolicy, boolean recordStats) {
    this.keys = List.copyOf(keys);
    this.refreshPolicy = refreshPolicy;
    this.recordStats = recordStats;
  }

  /**
   * Returns this module with hot-path hit counting on (for metrics).
   *
   * @return the module
   */
  public ManagerModule recordingStats() {
    return new ManagerModule(keys, refreshPolicy, true);
  }

  @Provides
  @Singleton
  TokenManager tokenManager(TokenSource source, TokenStore store, Clock clock, TokenEventListener listener) {
    TokenManager.Builder builder = TokenManager.builder(source, store).clock(clock).listener(listener)
        .refreshPolicy(refreshPolicy);
    if (!(store instanceof CaffeineTokenStore)) {
      // While the shared store fails, this process keeps its tokens, leases and backoff in memory.
      builder.fallbackStore(CaffeineTokenStore.create(clock));
    }
    keys.forEach(builder::key);
    if (recordStats) {
      builder.recordStats();
    }
    return builder.build();
  }
}
