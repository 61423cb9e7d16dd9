package dev.tokenmanager.bench;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * The baseline: the Node sample this project started from, in Java. Every call is a Redis {@code GET}
 * of the shared key; on a miss the caller mints from the endpoint itself (no lock, no single flight)
 * and stores the token with {@code SET … PX (expires_in − margin)}. The sample's margin is 300 s; for
 * the benchmarks' short tokens it is scaled to a tenth of the life, so the key still expires before
 * the token does.
 */
final class SeedStyleTokens implements AutoCloseable {

  private static final long SEED_MARGIN_MILLIS = 300_000;

  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;
  private final RedisCommands<String, String> redis;
  private final String key;
  private final SandboxMinter minter;

  /**
   * Connects one process of the baseline: its own Lettuce client and connection.
   *
   * @param redisUri the shared Redis
   * @param key the Redis key of the shared token
   * @param minter how this process mints
   */
  SeedStyleTokens(String redisUri, String key, SandboxMinter minter) {
    RedisURI uri = RedisURI.create(redisUri);
    uri.setTimeout(Duration.ofSeconds(2));
    this.client = RedisClient.create(uri);
    this.connection = client.connect();
    this.redis = connection.sync();
    this.key = key;
    this.minter = minter;
  }

  /**
   * Returns the shared token, minting and storing one on a miss.
   *
   * @return the token value
   */
  String token() {
    String cached = redis.get(key);
    if (cached != null) {
      return cached;
    }
    SandboxMinter.Minted minted;
    try {
      minted = minter.mint();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long life = minted.expiresInSeconds() * 1000;
    long ttl = life - Math.min(SEED_MARGIN_MILLIS, life / 10);
    redis.set(key, minted.value(), SetArgs.Builder.px(ttl));
    return minted.value();
  }

  /** Deletes the shared key (the end of a benchmark). */
  void deleteKey() {
    redis.del(key);
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }
}
