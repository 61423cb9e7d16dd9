package dev.tokenmanager.redis;

import static dev.tokenmanager.core.testing.TokenBuilder.aKey;
import static dev.tokenmanager.core.testing.TokenBuilder.aToken;
import static org.awaitility.Awaitility.await;

import dev.tokenmanager.core.event.TokenEventListener;
import dev.tokenmanager.core.model.Secret;
import dev.tokenmanager.core.port.TokenStore;
import dev.tokenmanager.core.testing.ManualClock;
import dev.tokenmanager.core.testing.TokenStoreContract;
import dev.tokenmanager.redis.testing.RedisSentinelSetup;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shared store contract on a Sentinel-managed master (master, replica, three Sentinels), with a
 * data-node password and a different Sentinel password.
 */
class RedisSentinelStoreIT extends TokenStoreContract {

  static final String DATA_PASSWORD = "d4ta:p@ss";
  static final String SENTINEL_PASSWORD = "s3ntinel/p@ss";

  private static RedisSentinelSetup sentinel;
  private String prefix;

  @BeforeAll
  static void startSentinel() {
    sentinel = RedisSentinelSetup.startWithPasswords(DATA_PASSWORD, SENTINEL_PASSWORD);
  }

  @AfterAll
  static void stopSentinel() {
    if (sentinel != null) {
      sentinel.close();
    }
  }

  /** The store configuration for a Sentinel setup started with {@link #DATA_PASSWORD} and {@link #SENTINEL_PASSWORD}. */
  static RedisStoreConfig config(RedisSentinelSetup setup) {
    return RedisStoreConfig.of(setup.uri()).withCredentials(null, Secret.of(DATA_PASSWORD))
        .withSentinelPassword(Secret.of(SENTINEL_PASSWORD));
  }

  @Override
  protected TokenStore createStore(ManualClock clock) {
    prefix = "tm:sentinel-it:" + UUID.randomUUID() + ":";
    RedisTokenStore created = RedisTokenStore.create(config(sentinel).withKeyPrefix(prefix), clock,
        TokenEventListener.noop());
    // the first connection in a JVM loads Lettuce's Sentinel classes: seconds on a busy machine
    StoreAwait.awaitWorking(created, Duration.ofSeconds(30));
    return created;
  }

  /** Redis expires leases and backoff records on real time: wait for it, up to 3 s. */
  @Override
  protected boolean awaitTrue(Callable<Boolean> condition) {
    try {
      await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(20)).until(condition);
      return true;
    } catch (ConditionTimeoutException e) {
      return false;
    }
  }

  @Test
  void close_afterUse_leavesNoLettuceThread() {
    store.close();
    RedisTokenStore used = RedisTokenStore.create(config(sentinel).withKeyPrefix(prefix), clock,
        TokenEventListener.noop());
    StoreAwait.awaitWorking(used, Duration.ofSeconds(30));
    used.saveIfNewer(aKey(), aToken().build());

    used.close();

    StoreAwait.awaitNoLettuceThreads();
  }

  @AfterEach
  void removeKeys() {
    try (RawRedis raw = RawRedis.connect("redis://127.0.0.1:" + sentinel.masterPort(), DATA_PASSWORD)) {
      raw.deleteAll(prefix);
    }
  }
}
