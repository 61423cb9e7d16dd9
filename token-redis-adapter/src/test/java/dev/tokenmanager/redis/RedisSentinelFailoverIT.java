package dev.tokenmanager.redis;

import static dev.tokenmanager.core.testing.TokenBuilder.aKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenmanager.core.event.TokenEvent;
import dev.tokenmanager.core.event.TokenEventListener;
import dev.tokenmanager.core.model.TokenKey;
import dev.tokenmanager.core.port.Clock;
import dev.tokenmanager.redis.testing.RedisSentinelSetup;
import java.time.Duration;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Sentinel failover while four token managers, each with its own store and fallback, serve callers
 * in a loop: no caller fails, no store call outlasts its timeouts, writes land on the new master,
 * and neither password reaches a log line. Once with {@code SENTINEL FAILOVER} (the old master stays
 * up and writable until the Sentinels demote it), once with the master killed.
 */
class RedisSentinelFailoverIT {

  private static final Logger LOG = LoggerFactory.getLogger(RedisSentinelFailoverIT.class);
  /** One call, or two for a lease read back after an unknown outcome, each at most 500 ms, plus scheduling slack. */
  private static final Duration SLOWEST_STORE_CALL = Duration.ofMillis(1500);
  /** Callers are served from memory; even one that waits for a refresh waits for at most its store calls. */
  private static final Duration SLOWEST_CALL = Duration.ofSeconds(2);

  private final TokenKey key = aKey();

  @Test
  void sentinelFailover_underLoad_noCallerFailsAndWritesMoveToTheNewMaster() throws Exception {
    failOverUnderLoad("SENTINEL FAILOVER", RedisSentinelSetup::failover);
  }

  @Test
  void masterKilled_underLoad_noCallerFailsAndWritesMoveToThePromotedReplica() throws Exception {
    failOverUnderLoad("master killed", sentinel -> sentinel.awaitNewMaster(sentinel.killMaster()));
  }

  private void failOverUnderLoad(String how, ToIntFunction<RedisSentinelSetup> failOver) throws Exception {
    try (RedisSentinelSetup sentinel = RedisSentinelSetup.startWithPasswords(RedisSentinelStoreIT.DATA_PASSWORD,
        RedisSentinelStoreIT.SENTINEL_PASSWORD);
        LogCapture logs = LogCapture.start()) {
      RedisStoreConfig config = RedisSentinelStoreIT.config(sentinel).withKeyPrefix("tm:sentinel-failover:");
      FleetUnderLoad fleet = FleetUnderLoad.start(config, 4, 2, key);
      try (RedisTokenStore probe = RedisTokenStore.create(config, Clock.system(), TokenEventListener.noop());
          NewMasterProbe writes = new NewMasterProbe(probe, config.keyPrefix(), RedisSentinelStoreIT.DATA_PASSWORD,
              TokenKey.of("probe.example", "failover", "writes"))) {
        StoreAwait.awaitWorking(probe, Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(20)).until(() -> fleet.minted() >= 2);
        int oldMaster = sentinel.masterPort();

        long start = System.nanoTime();
        int newMaster = failOver.applyAsInt(sentinel);
        long reported = millisSince(start);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
            .until(() -> writes.landOn(newMaster));
        long resumed = millisSince(start);
        int mintedBefore = fleet.minted();
        await().atMost(Duration.ofSeconds(20)).until(() -> fleet.minted() > mintedBefore);

        LOG.info("Sentinel, {} ({} -> {}): Sentinels agreed after {} ms; store writes on the new master after {} ms;"
            + " degraded {} times, recovered after {}", how, oldMaster, newMaster, reported, resumed,
            fleet.events(TokenEvent.StoreDegraded.class).size(),
            fleet.events(TokenEvent.StoreRecovered.class).stream().map(e -> e.downFor().toMillis() + " ms").toList());
      } finally {
        fleet.close();
      }

      LOG.info("Sentinel, {}, under load: {} calls, {} failures, slowest call {} ms, {} store operations ({}"
          + " unavailable), slowest {} ms: {}; {} tokens minted", how, fleet.calls(), fleet.failures().size(),
          fleet.slowestCall().toMillis(), fleet.storeOperations(), fleet.unavailableStoreOperations(),
          fleet.slowestStoreOperation().toMillis(), fleet.slowestStoreOperationName(), fleet.minted());
      assertThat(fleet.failures()).isEmpty();
      assertThat(fleet.calls()).isGreaterThan(1000);
      assertThat(fleet.slowestCall()).isLessThan(SLOWEST_CALL);
      assertThat(fleet.slowestStoreOperation()).isLessThan(SLOWEST_STORE_CALL);
      logs.assertNoneContains(RedisSentinelStoreIT.DATA_PASSWORD, RedisSentinelStoreIT.SENTINEL_PASSWORD);
    }
  }

  private static long millisSince(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
  }
}
