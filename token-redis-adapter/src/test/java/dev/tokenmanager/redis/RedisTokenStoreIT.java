package dev.tokenmanager.redis;

import static org.awaitility.Awaitility.await;

import dev.tokenmanager.core.event.TokenEventListener;
import dev.tokenmanager.core.port.TokenStore;
import dev.tokenmanager.core.testing.ManualClock;
import dev.tokenmanager.core.testing.TokenStoreContract;
import dev.tokenmanager.redis.testing.RedisExtension;
import dev.tokenmanager.redis.testing.TestRedis;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shared store contract, on a real Redis, each test under a key prefix of its own. */
@ExtendWith(RedisExtension.class)
class RedisTokenStoreIT extends TokenStoreContract {

  private static TestRedis redis;
  private static RawRedis raw;
  private String prefix;

  @BeforeAll
  static void connect(TestRedis testRedis) {
    redis = testRedis;
    raw = RawRedis.connect(redis.uri());
  }

  @AfterAll
  static void disconnect() {
    if (raw != null) {
      raw.close();
    }
  }

  @Override
  protected TokenStore createStore(ManualClock clock) {
    prefix = "tm:it:" + UUID.randomUUID() + ":";
    RedisTokenStore created = RedisTokenStore.create(RedisStoreConfig.of(redis.uri()).withKeyPrefix(prefix), clock,
        TokenEventListener.noop());
    StoreAwait.awaitWorking(created);
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

  @AfterEach
  void removeKeys() {
    raw.deleteAll(prefix);
  }
}
