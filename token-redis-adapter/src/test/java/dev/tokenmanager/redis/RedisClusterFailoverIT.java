package dev.tokenmanager.redis;

import static dev.tokenmanager.core.testing.TokenBuilder.aKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenmanager.core.event.TokenEvent;
import dev.tokenmanager.core.event.TokenEventListener;
import dev.tokenmanager.core.model.TokenKey;
import dev.tokenmanager.core.port.Clock;
import dev.tokenmanager.redis.testing.RedisClusterSetup;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master that serves the token key's slot is killed while four token managers, each with its own
 * store and fallback, serve callers in a loop: no caller fails, no store call outlasts its timeouts,
 * and writes to that slot land on the promoted replica without a restart.
 */
class RedisClusterFailoverIT {

  private static final Logger LOG = LoggerFactory.getLogger(RedisClusterFailoverIT.class);
  /** One call, or two for a lease read back after an unknown outcome, each at most 500 ms, plus scheduling slack. */
  private static final Duration SLOWEST_STORE_CALL = Duration.ofMillis(1500);
  /** Callers are served from memory; even one that waits for a refresh waits for at most its store calls. */
  private static final Duration SLOWEST_CALL = Duration.ofSeconds(2);

  private final TokenKey key = aKey();

  @Test
  void masterKilled_underLoad_noCallerFailsAndWritesMoveToThePromotedReplica() throws Exception {
    try (RedisClusterSetup cluster = RedisClusterSetup.start()) {
      RedisStoreConfig config = RedisStoreConfig.of(cluster.uri()).withKeyPrefix("tm:cluster-failover:");
      String tokenKeyName = new RedisKeys(config.keyPrefix()).token(key);
      FleetUnderLoad fleet = FleetUnderLoad.start(config, 4, 2, key);
      try (RedisTokenStore probe = RedisTokenStore.create(config, Clock.system(), TokenEventListener.noop());
          NewMasterProbe writes = new NewMasterProbe(probe, config.keyPrefix(), null,
              NewMasterProbe.inTheSameSlotAs(key))) {
        StoreAwait.awaitWorking(probe, Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(20)).until(() -> fleet.minted() >= 2);

        long start = System.nanoTime();
        int killed = cluster.killMasterOf(tokenKeyName);
        int promoted = cluster.awaitFailover(tokenKeyName);
        long promotedAfter = millisSince(start);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
            .until(() -> writes.landOn(promoted));
        long resumed = millisSince(start);
        int mintedBefore = fleet.minted();
        await().atMost(Duration.ofSeconds(20)).until(() -> fleet.minted() > mintedBefore);

        LOG.info("Cluster master {} killed: replica {} serves the slot after {} ms; store writes on it after {} ms;"
            + " degraded {} times, recovered after {}", killed, promoted, promotedAfter, resumed,
            fleet.events(TokenEvent.StoreDegraded.class).size(),
            fleet.events(TokenEvent.StoreRecovered.class).stream().map(e -> e.downFor().toMillis() + " ms").toList());
      } finally {
        fleet.close();
      }

      LOG.info("Cluster failover under load: {} calls, {} failures, slowest call {} ms, {} store operations ({}"
          + " unavailable), slowest {} ms: {}; {} tokens minted", fleet.calls(), fleet.failures().size(),
          fleet.slowestCall().toMillis(), fleet.storeOperations(), fleet.unavailableStoreOperations(),
          fleet.slowestStoreOperation().toMillis(), fleet.slowestStoreOperationName(), fleet.minted());
      assertThat(fleet.failures()).isEmpty();
      assertThat(fleet.calls()).isGreaterThan(1000);
      assertThat(fleet.slowestCall()).isLessThan(SLOWEST_CALL);
      assertThat(fleet.slowestStoreOperation()).isLessThan(SLOWEST_STORE_CALL);
    }
  }

  private static long millisSince(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
  }
}
