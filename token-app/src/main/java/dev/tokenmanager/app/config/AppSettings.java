package dev.tokenmanager.app.config;

import dev.tokenmanager.core.model.Secret;
import dev.tokenmanager.redis.RedisStoreConfig;
import dev.tokenmanager.zoom.ZoomConfig;
import dev.tokenmanager.zoom.ZoomCredentials;
import java.util.Optional;

/**
 * The settings of one Zoom app and its store, read from {@code ZOOM_ACCOUNT_ID},
 * {@code ZOOM_CLIENT_ID}, {@code ZOOM_CLIENT_SECRET}, {@code ZOOM_OAUTH_URL} (default
 * {@code https://zoom.us}) and {@code REDIS_URL}, or {@code REDIS_HOST} / {@code REDIS_PORT} /
 * {@code REDIS_PASSWORD} as the original Node sample named them.
 *
 * @param credentials the app's credentials
 * @param zoom the token endpoint
 * @param store the shared store and its encryption (see {@link StoreSettings})
 */
public record AppSettings(ZoomCredentials credentials, ZoomConfig zoom, StoreSettings store) {

  /**
   * Reads and validates the settings.
   *
   * @param env the environment
   * @return the settings
   * @throws ConfigException naming the first missing or invalid variable, never its value
   */
  public static AppSettings from(Environment env) {
    String account = env.require("ZOOM_ACCOUNT_ID");
    String client = env.require("ZOOM_CLIENT_ID");
    Secret secret = Secret.of(env.require("ZOOM_CLIENT_SECRET"));
    ZoomCredentials credentials;
    try {
      credentials = new ZoomCredentials(account, client, secret);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(account.chars().anyMatch(Character::isWhitespace) ? "ZOOM_ACCOUNT_ID" : "ZOOM_CLIENT_ID",
          "must not contain white space");
    }
    ZoomConfig zoom;
    try {
      zoom = ZoomConfig.of(env.get("ZOOM_OAUTH_URL").orElse(ZoomConfig.ZOOM_BASE_URL));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("ZOOM_OAUTH_URL", "must be an http or https URL without query or credentials");
    }
    return new AppSettings(credentials, zoom, StoreSettings.from(env));
  }

  /**
   * Reads the Redis settings alone: {@code REDIS_URL}, else {@code REDIS_HOST} with {@code REDIS_PORT}
   * (default 6379) and {@code REDIS_PASSWORD}.
   *
   * @param env the environment
   * @return the Redis configuration, or empty if none is set
   * @throws ConfigException naming the invalid variable, never its value
   */
  public static Optional<RedisStoreConfig> redis(Environment env) {
    Optional<String> url = env.get("REDIS_URL");
    if (url.isPresent()) {
      RedisStoreConfig config;
      try {
        config = RedisStoreConfig.of(url.get());
      } catch (IllegalArgumentException e) {
        throw new ConfigException("REDIS_URL", "must be a Redis URI (redis://, rediss://, redis-sentinel://, redis-cluster://)");
      }
      return Optional.of(deploymentOptions(env, config));
    }
    Optional<String> host = env.get("REDIS_HOST");
    if (host.isEmpty()) {
      return Optional.empty();
    }
    int port;
    try {
      port = Integer.parseInt(env.get("REDIS_PORT").orElse("6379"));
    } catch (NumberFormatException e) {
      throw new ConfigException("REDIS_PORT", "must be a number between 1 and 65535");
    }
    if (port < 1 || port > 65_535) {
      throw new ConfigException("REDIS_PORT", "must be a number between 1 and 65535");
    }
    if (!host.get().matches("[A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:]+\\]")) {
      throw new ConfigException("REDIS_HOST", "must be a host name or an IP address");
    }
    RedisStoreConfig config = RedisStoreConfig.of("redis://" + host.get() + ":" + port);
    Optional<String> password = env.get("REDIS_PASSWORD");
    return Optional.of(deploymentOptions(env,
        password.isPresent() ? config.withCredentials(null, Secret.of(password.get())) : config));
  }

  /** Applies {@code REDIS_SENTINEL_PASSWORD} and {@code REDIS_CA_FILE} (a PEM file of trusted certificates). */
  private static RedisStoreConfig deploymentOptions(Environment env, RedisStoreConfig config) {
    RedisStoreConfig result = config;
    Optional<String> sentinelPassword = env.get("REDIS_SENTINEL_PASSWORD");
    if (sentinelPassword.isPresent()) {
      try {
        result = result.withSentinelPassword(Secret.of(sentinelPassword.get()));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("REDIS_SENTINEL_PASSWORD", "applies to redis-sentinel:// URIs only");
      }
    }
    Optional<String> caFile = env.get("REDIS_CA_FILE");
    if (caFile.isPresent()) {
      try {
        result = result.withTrustedCertificates(java.nio.file.Path.of(caFile.get()));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("REDIS_CA_FILE", "must name a readable PEM file of certificates, for a rediss URI");
      }
    }
    return result;
  }
}
