package dev.tokenmanager.app.demo;

import dev.tokenmanager.core.model.Secret;
import dev.tokenmanager.redis.RedisStoreConfig;
import java.time.Duration;
import java.util.Optional;

/**
 * How the demo runs.
 *
 * @param managers how many token managers (standing for separate processes) share the store, at least 1
 * @param jobsPerManager how many job threads each manager serves, at least 1
 * @param duration how long the jobs run, at least 1 s
 * @param tokenLifetime the sandbox's token lifetime, at least 2 s
 * @param pause how long each job rests between API calls
 * @param redis the Redis to share tokens through, or empty for memory
 * @param clientSecret the sandbox's client secret, or empty for a random one
 */
public record DemoOptions(int managers, int jobsPerManager, Duration duration, Duration tokenLifetime, Duration pause,
    Optional<RedisStoreConfig> redis, Optional<Secret> clientSecret) {

  /**
   * Validates the options.
   *
   * @throws IllegalArgumentException naming the bad option and its value
   */
  public DemoOptions {
    if (managers < 1) {
      throw new IllegalArgumentException("--managers must be at least 1, but was " + managers);
    }
    if (jobsPerManager < 1) {
      throw new IllegalArgumentException("--jobs must be at least 1, but was " + jobsPerManager);
    }
    if (duration == null || duration.toMillis() < 1000) {
      throw new IllegalArgumentException("--duration must be at least 1s, but was " + duration);
    }
    if (tokenLifetime == null || tokenLifetime.toSeconds() < 2) {
      throw new IllegalArgumentException("--token-lifetime must be at least 2s, but was " + tokenLifetime);
    }
    if (pause == null || pause.isNegative()) {
      throw new IllegalArgumentException("--pause must not be negative, but was " + pause);
    }
    redis = redis == null ? Optional.empty() : redis;
    clientSecret = clientSecret == null ? Optional.empty() : clientSecret;
  }
}
