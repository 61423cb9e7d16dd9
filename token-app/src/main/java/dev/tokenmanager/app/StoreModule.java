package dev.tokenmanager.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.tokenmanager.core.event.TokenEventListener;
import dev.tokenmanager.core.port.Clock;
import dev.tokenmanager.core.port.TokenStore;
import dev.tokenmanager.memory.CaffeineTokenStore;
import dev.tokenmanager.redis.RedisStoreConfig;
import dev.tokenmanager.redis.RedisTokenStore;

/**
 * Provides the token store: Redis when configured, else this process's memory, or a given instance.
 * Creating the Redis store never connects eagerly, so an injector builds while Redis is down.
 */
public final class StoreModule extends AbstractModule {

  private final RedisStoreConfig redis;
  private final TokenStore instance;

  private StoreModule(RedisStoreConfig redis, TokenStore instance) {
    this.redis = redis;
    this.instance = instance;
  }

  /**
   * Stores tokens in Redis.
   *
   * @param config the Redis configuration
   * @return the module
   */
  public static StoreModule redis(RedisStoreConfig config) {
    return new StoreModule(config, null);
  }

  /**
   * Stores tokens in this process's memory.
   *
   * @return the module
   */
  public static StoreModule memory() {
    return new StoreModule(null, null);
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
    return redis != null ? RedisTokenStore.create(redis, clock, listener) : CaffeineTokenStore.create(clock);
  }
}
