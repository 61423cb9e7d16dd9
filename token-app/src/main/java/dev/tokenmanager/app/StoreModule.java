package dev.tokenmanager.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.tokenmanager.app.config.StoreSettings;
import dev.tokenmanager.core.EncryptingTokenStore;
import dev.tokenmanager.core.FailoverTokenStore;
import dev.tokenmanager.core.event.TokenEventListener;
import dev.tokenmanager.core.port.Clock;
import dev.tokenmanager.core.port.TokenStore;
import dev.tokenmanager.memory.CaffeineTokenStore;
import dev.tokenmanager.redis.RedisStoreConfig;
import dev.tokenmanager.redis.RedisTokenStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Provides the token store: Redis when configured (optionally failing over to a second Redis, and
 * sealing token values when a key is configured), else this process's memory, or a given instance.
 * Creating the Redis store never connects eagerly, so an injector builds while Redis is down.
 */
public final class StoreModule extends AbstractModule {

  private static final Duration FAILOVER_RETRY = Duration.ofSeconds(5);

  private final StoreSettings settings;
  private final TokenStore instance;

  private StoreModule(StoreSettings settings, TokenStore instance) {
    this.settings = settings;
    this.instance = instance;
  }

  /**
   * Stores tokens as the settings say: Redis (with a second Redis to fail over to) or memory, sealed
   * with AES-256-GCM when a key is configured.
   *
   * @param settings the store settings
   * @return the module
   */
  public static StoreModule of(StoreSettings settings) {
    return new StoreModule(settings, null);
  }

  /**
   * Stores tokens in Redis.
   *
   * @param config the Redis configuration
   * @return the module
   */
  public static StoreModule redis(RedisStoreConfig config) {
    return new StoreModule(new StoreSettings(Optional.of(config), Optional.empty(), Optional.empty()), null);
  }

  /**
   * Stores tokens in this process's memory.
   *
   * @return the module
   */
  public static StoreModule memory() {
    return new StoreModule(StoreSettings.memory(), null);
  }

  /**
   * Uses a store built elsewhere (shared between several managers of one process).
   *
   * @param store the store
   * @return the module
   */
  public static StoreModule instance(TokenStore store) {
    return new StoreModule(null, store);
  }

  @Provides
  @Singleton
  TokenStore tokenStore(Clock clock, TokenEventListener listener) {
    if (instance != null) {
      return instance;
    }
    TokenStore store = settings.redis().<TokenStore>map(config -> RedisTokenStore.create(config, clock, listener))
        .orElseGet(() -> CaffeineTokenStore.create(clock));
    if (settings.failover().isPresent()) {
      store = FailoverTokenStore.of(clock, FAILOVER_RETRY, listener,
          List.of(store, RedisTokenStore.create(settings.failover().get(), clock, listener)));
    }
    if (settings.encryption().isPresent()) {
      store = EncryptingTokenStore.wrap(store, settings.encryption().get(), clock, listener);
    }
    return store;
  }
}
