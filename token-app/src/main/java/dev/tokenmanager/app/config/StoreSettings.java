package dev.tokenmanager.app.config;

import dev.tokenmanager.core.TokenKeyring;
import dev.tokenmanager.redis.RedisStoreConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where tokens are shared and how they are kept there: {@code REDIS_URL} (or {@code REDIS_HOST} /
 * {@code REDIS_PORT} / {@code REDIS_PASSWORD}), an optional second Redis to fail over to
 * ({@code REDIS_FAILOVER_URL}), and encryption at rest ({@code TOKEN_ENCRYPTION_KEY}, base64 of 32
 * bytes, with earlier keys still accepted for reading in {@code TOKEN_ENCRYPTION_OLD_KEYS},
 * comma-separated). With encryption on, Redis keys default to the prefix {@code tm:enc:} so that
 * processes without the key never read sealed values as tokens.
 *
 * @param redis the shared Redis, if configured
 * @param failover a second Redis used while the first fails, if configured
 * @param encryption the keys that seal token values, if configured
 */
public record StoreSettings(Optional<RedisStoreConfig> redis, Optional<RedisStoreConfig> failover,
    Optional<TokenKeyring> encryption) {

  /** The Redis key prefix used when encryption is on. */
  public static final String ENCRYPTED_KEY_PREFIX = "tm:enc:";

  /**
   * Reads and validates the settings.
   *
   * @param env the environment
   * @return the settings
   * @throws ConfigException naming the first invalid variable, never its value
   */
  public static StoreSettings from(Environment env) {
    Optional<TokenKeyring> encryption = env.get("TOKEN_ENCRYPTION_KEY").map(current -> keyring(env, current));
    if (encryption.isEmpty() && env.get("TOKEN_ENCRYPTION_OLD_KEYS").isPresent()) {
      throw new ConfigException("TOKEN_ENCRYPTION_OLD_KEYS", "is set without TOKEN_ENCRYPTION_KEY");
    }
    Optional<RedisStoreConfig> redis = AppSettings.redis(env);
    Optional<RedisStoreConfig> failover = env.get("REDIS_FAILOVER_URL").map(url -> {
      try {
        return RedisStoreConfig.of(url);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("REDIS_FAILOVER_URL", "must be a Redis URI (redis://, rediss://, redis-sentinel://, redis-cluster://)");
      }
    });
    if (failover.isPresent() && redis.isEmpty()) {
      throw new ConfigException("REDIS_FAILOVER_URL", "is set without REDIS_URL");
    }
    if (encryption.isPresent()) {
      redis = redis.map(StoreSettings::encryptedPrefix);
      failover = failover.map(StoreSettings::encryptedPrefix);
    }
    return new StoreSettings(redis, failover, encryption);
  }

  /** Returns settings with memory only (no Redis, no encryption). */
  public static StoreSettings memory() {
    return new StoreSettings(Optional.empty(), Optional.empty(), Optional.empty());
  }

  private static RedisStoreConfig encryptedPrefix(RedisStoreConfig config) {
    return config.keyPrefix().equals(RedisStoreConfig.DEFAULT_KEY_PREFIX) ? config.withKeyPrefix(ENCRYPTED_KEY_PREFIX) : config;
  }

  private static TokenKeyring keyring(Environment env, String current) {
    List<String> previous = env.get("TOKEN_ENCRYPTION_OLD_KEYS")
        .map(text -> Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
        .orElse(List.of());
    try {
      return TokenKeyring.fromBase64(current, previous);
    } catch (IllegalArgumentException e) {
      // The keyring's messages name the key (current, previous #n) and never show key material.
      throw new ConfigException(e.getMessage().startsWith("current") ? "TOKEN_ENCRYPTION_KEY" : "TOKEN_ENCRYPTION_OLD_KEYS",
          "is invalid: " + e.getMessage());
    }
  }
}
