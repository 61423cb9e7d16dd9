package dev.tokenmanager.redis;

import static dev.tokenmanager.core.testing.TokenBuilder.aKey;
import static dev.tokenmanager.core.testing.TokenBuilder.aToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmanager.core.error.StoreUnavailableException;
import dev.tokenmanager.core.event.TokenEventListener;
import dev.tokenmanager.core.testing.ManualClock;
import dev.tokenmanager.redis.testing.RedisExtension;
import dev.tokenmanager.redis.testing.TestRedis;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Creating and closing stores leaves nothing behind. */
@ExtendWith(RedisExtension.class)
class RedisStoreLifecycleIT {

  private final ManualClock clock = ManualClock.create();

  @Test
  void close_afterUse20Times_leavesNoLettuceThread(TestRedis redis) {
    String prefix = "tm:lifecycle-it:" + UUID.randomUUID() + ":";
    for (int i = 0; i < 20; i++) {
      RedisTokenStore store = RedisTokenStore.create(RedisStoreConfig.of(redis.uri()).withKeyPrefix(prefix), clock,
          TokenEventListener.noop());
      StoreAwait.awaitWorking(store);
      store.saveIfNewer(aKey(), aToken().build());
      store.evictIfSame(aKey(), aToken().build());
      store.close();
    }
    try (RawRedis raw = RawRedis.connect(redis.uri())) {
      raw.deleteAll(prefix);
    }

    StoreAwait.awaitNoLettuceThreads();
  }

  @Test
  void close_whileStillConnecting_leavesNoLettuceThread() {
    for (int i = 0; i < 5; i++) {
      // port 1 on loopback: refused at once, so the store keeps retrying in the background
      RedisTokenStore store = RedisTokenStore.create(RedisStoreConfig.of("redis://127.0.0.1:1"), clock,
          TokenEventListener.noop());
      assertThatThrownBy(() -> store.load(aKey())).isInstanceOf(StoreUnavailableException.class);
      store.close();
    }

    StoreAwait.awaitNoLettuceThreads();
  }

  @Test
  void close_twice_isANoOpAndLaterCallsFailAsUnavailable(TestRedis redis) {
    RedisTokenStore store = RedisTokenStore.create(RedisStoreConfig.of(redis.uri()), clock, TokenEventListener.noop());
    StoreAwait.awaitWorking(store);

    store.close();
    store.close();

    assertThatThrownBy(() -> store.load(aKey())).isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("is closed");
    StoreAwait.awaitNoLettuceThreads();
  }

}
