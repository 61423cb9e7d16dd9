package dev.tokenmanager.redis;

import static dev.tokenmanager.core.testing.TokenBuilder.aToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenmanager.core.event.TokenEventListener;
import dev.tokenmanager.core.model.TokenKey;
import dev.tokenmanager.core.port.TokenStore;
import dev.tokenmanager.core.testing.ManualClock;
import dev.tokenmanager.core.testing.TokenStoreContract;
import dev.tokenmanager.redis.testing.RedisClusterSetup;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shared store contract on a Redis Cluster of three masters and three replicas, and the key
 * layout's promise that the keys of one token key share one slot, as the cluster itself computes it.
 * Each test writes under a prefix of its own; every key has a time to live and the cluster is thrown
 * away after the class, so nothing is cleaned up.
 */
class RedisClusterStoreIT extends TokenStoreContract {

  private static RedisClusterSetup cluster;

  @BeforeAll
  static void startCluster() {
    cluster = RedisClusterSetup.start();
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Override
  protected TokenStore createStore(ManualClock clock) {
    String prefix = "tm:cluster-it:" + UUID.randomUUID() + ":";
    RedisTokenStore created = RedisTokenStore.create(RedisStoreConfig.of(cluster.uri()).withKeyPrefix(prefix), clock,
        TokenEventListener.noop());
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
    RedisTokenStore used = RedisTokenStore.create(RedisStoreConfig.of(cluster.uri()), clock, TokenEventListener.noop());
    StoreAwait.awaitWorking(used, Duration.ofSeconds(30));
    used.saveIfNewer(TokenKey.of("zoom.us", "lifecycle", "client"), aToken().build());

    used.close();

    StoreAwait.awaitNoLettuceThreads();
  }

  @Test
  void keys_ofOneTokenKey_shareTheSlotTheClusterComputes() {
    RedisKeys keys = new RedisKeys("tm:");
    Set<Integer> slotsOfDifferentKeys = new HashSet<>();
    for (TokenKey key : List.of(TokenKey.of("zoom.us", "acct-1", "client"), TokenKey.of("zoom.us", "{a}:b+c", "}{"),
        TokenKey.of("zoomgov.com", "acct-2", "client").withSlot(3))) {
      int slot = cluster.slotOf(keys.token(key));

      assertThat(cluster.slotOf(keys.lease(key))).as("lease of " + key).isEqualTo(slot);
      assertThat(cluster.slotOf(keys.backoff(key))).as("backoff of " + key).isEqualTo(slot);
      slotsOfDifferentKeys.add(slot);
    }
    assertThat(slotsOfDifferentKeys).as("different token keys spread over slots").hasSizeGreaterThan(1);
  }
}
