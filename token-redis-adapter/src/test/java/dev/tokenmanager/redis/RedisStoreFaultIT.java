package dev.tokenmanager.redis;

import static dev.tokenmanager.core.testing.TokenBuilder.aKey;
import static dev.tokenmanager.core.testing.TokenBuilder.aToken;
import static dev.tokenmanager.redis.StoreAwait.awaitWorking;
import static dev.tokenmanager.redis.StoreAwait.timeFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tokenmanager.core.error.StoreUnavailableException;
import dev.tokenmanager.core.event.TokenEventListener;
import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.model.FailureKind;
import dev.tokenmanager.core.model.MintBackoff;
import dev.tokenmanager.core.model.TokenKey;
import dev.tokenmanager.core.testing.ManualClock;
import dev.tokenmanager.redis.testing.RedisServerProcess;
import dev.tokenmanager.redis.testing.TestRedis;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the store does when its Redis dies, freezes, restarts empty or forgets its scripts. */
class RedisStoreFaultIT {

  private static final Logger LOG = LoggerFactory.getLogger(RedisStoreFaultIT.class);
  private static final Duration FAIL_FAST = Duration.ofSeconds(1);

  private final ManualClock clock = ManualClock.create();
  private final TokenKey key = aKey();
  private RedisServerProcess server;
  private RedisTokenStore store;

  @BeforeEach
  void startRedis() {
    server = TestRedis.startServer();
  }

  @AfterEach
  void stopEverything() {
    if (store != null) {
      store.close();
    }
    server.close();
  }

  @Test
  void operations_redisKilled_failFastUntilRestartedThenWorkAgain() {
    store = connectedStore();
    store.saveIfNewer(key, aToken().build());

    server.kill();

    Duration slowest = Duration.ZERO;
    for (int round = 0; round < 3; round++) {
      for (Map.Entry<String, ThrowingCallable> operation : everyOperation().entrySet()) {
        Duration took = timeFailure(operation.getValue());
        assertThat(took).as(operation.getKey() + " in round " + round).isLessThan(FAIL_FAST);
        slowest = max(slowest, took);
      }
    }
    LOG.info("Redis killed: slowest of {} failed operations took {} ms", 3 * everyOperation().size(), slowest.toMillis());

    server.restart();

    awaitWorking(store);
    AccessToken token = aToken().build();
    assertThat(store.saveIfNewer(key, token)).isEqualTo(token);
    assertThat(store.load(key)).contains(token);
  }

  @Test
  void load_redisPaused_failsAfterTheCommandTimeoutThenWorksWhenResumed() {
    store = connectedStore();
    AccessToken token = aToken().build();
    store.saveIfNewer(key, token);

    server.pause();
    List<Long> millis = new ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        long start = System.nanoTime();
        assertThatThrownBy(() -> store.load(key)).isInstanceOf(StoreUnavailableException.class)
            .hasRootCauseInstanceOf(RedisCommandTimeoutException.class);
        millis.add(Duration.ofNanos(System.nanoTime() - start).toMillis());
      }
      Duration leaseTook = timeFailure(() -> store.tryAcquireLease(key, "owner-a", Duration.ofSeconds(30)));
      LOG.info("Redis paused: load failed after {} ms; tryAcquireLease (SET NX, then GET) after {} ms", millis,
          leaseTook.toMillis());
      assertThat(millis).allSatisfy(took -> assertThat(took).isBetween(400L, 1500L));
      assertThat(leaseTook).isLessThan(Duration.ofMillis(2500));
    } finally {
      server.resume();
    }

    awaitWorking(store);
    assertThat(store.load(key)).contains(token);
    // the SET NX sent while Redis was frozen ran when it woke: its owner can still release it
    assertThat(store.releaseLease(key, "owner-a")).isTrue();
  }

  @Test
  void tryAcquireLease_setTimesOutButLands_readsTheLeaseBackAndReportsItHeld() throws Exception {
    server.close();
    server = TestRedis.startServer("--enable-debug-command", "yes");
    store = connectedStore();
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      boolean outcomeWasUnknown = false;
      // the SET NX queues behind DEBUG SLEEP, times out after 500 ms, and runs when Redis wakes,
      // just before the read-back GET; a few rounds in case the SET overtakes the DEBUG SLEEP
      for (int round = 0; round < 5 && !outcomeWasUnknown; round++) {
        String owner = "owner-" + round;
        RedisFuture<String> sleep = raw.debugSleep(Duration.ofMillis(800));
        long start = System.nanoTime();
        boolean acquired = store.tryAcquireLease(key, owner, Duration.ofSeconds(30));
        long took = Duration.ofNanos(System.nanoTime() - start).toMillis();
        sleep.get(5, TimeUnit.SECONDS);

        assertThat(acquired).isTrue();
        assertThat(raw.commands().get(new RedisKeys("tm:").lease(key))).isEqualTo(owner);
        outcomeWasUnknown = took >= 500;
        LOG.info("SET NX behind DEBUG SLEEP: acquired={} after {} ms", acquired, took);
        assertThat(store.releaseLease(key, owner)).isTrue();
      }
      assertThat(outcomeWasUnknown).as("the SET NX timed out in at least one round").isTrue();
    }
  }

  @Test
  void scripts_flushedFromRedis_areRunWithEvalOnceThenWithEvalshaAgain() {
    store = connectedStore();
    try (RawRedis raw = RawRedis.connect(server.uri())) {
      AccessToken t1 = aToken().lifetime(Duration.ofMinutes(30)).build();
      AccessToken t2 = aToken().lifetime(Duration.ofMinutes(60)).build();
      store.saveIfNewer(key, t1);
      assertThat(store.tryAcquireLease(key, "owner-a", Duration.ofSeconds(30))).isTrue();

      raw.commands().scriptFlush();
      raw.commands().configResetstat();

      assertThat(store.saveIfNewer(key, t2)).isEqualTo(t2);
      assertThat(store.evictIfSame(key, t1)).isFalse();
      assertThat(store.releaseLease(key, "owner-a")).isTrue();
      assertThat(raw.calls("eval")).isEqualTo(3);
      assertThat(raw.commands().scriptExists(StoreScripts.SAVE_IF_NEWER.sha(), StoreScripts.EVICT_IF_SAME.sha(),
          StoreScripts.RELEASE_LEASE.sha())).containsExactly(true, true, true);

      assertThat(store.evictIfSame(key, t2)).isTrue();
      assertThat(store.saveIfNewer(key, t1)).isEqualTo(t1);
      assertThat(raw.calls("eval")).isEqualTo(3);
      assertThat(raw.calls("evalsha")).isEqualTo(5);
    }
  }

  @Test
  void store_redisRestartedEmpty_reloadsScriptsAndWorks() {
    store = connectedStore();
    AccessToken before = aToken().build();
    store.saveIfNewer(key, before);
    assertThat(store.tryAcquireLease(key, "owner-a", Duration.ofSeconds(30))).isTrue();

    server.restart();

    awaitWorking(store);
    assertThat(store.load(key)).isEmpty();
    AccessToken after = aToken().build();
    assertThat(store.saveIfNewer(key, after)).isEqualTo(after);
    assertThat(store.load(key)).contains(after);
    assertThat(store.evictIfSame(key, after)).isTrue();
    assertThat(store.tryAcquireLease(key, "owner-b", Duration.ofSeconds(30))).isTrue();
    assertThat(store.releaseLease(key, "owner-b")).isTrue();
  }

  @Test
  void writes_serverTurnedIntoAReplica_failAsUnavailableAndWorkOncePromotedAgain() {
    store = connectedStore();
    try (RawRedis raw = RawRedis.connect(server.uri()); LogCapture logs = LogCapture.start()) {
      // a replica of an address where nothing listens: read-only, as a demoted master is
      raw.commands().replicaof("127.0.0.1", 1);

      assertThatThrownBy(() -> store.saveIfNewer(key, aToken().build())).isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("READONLY");
      assertThat(logs.lines()).anyMatch(line -> line.contains("answered READONLY (a replica now): reconnecting"));
      awaitWorking(store);
      assertThatThrownBy(() -> store.tryAcquireLease(key, "owner-a", Duration.ofSeconds(30)))
          .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("READONLY");

      raw.commands().replicaofNoOne();
    }

    await().atMost(Duration.ofSeconds(10)).ignoreException(StoreUnavailableException.class)
        .until(() -> store.tryAcquireLease(key, "owner-a", Duration.ofSeconds(30)));
    AccessToken token = aToken().build();
    assertThat(store.saveIfNewer(key, token)).isEqualTo(token);
  }

  @Test
  void create_redisDown_succeedsFailsFastAndWorksOnceRedisIsUp() {
    server.kill();

    long start = System.nanoTime();
    store = RedisTokenStore.create(RedisStoreConfig.of(server.uri()), clock, TokenEventListener.noop());
    Duration creation = Duration.ofNanos(System.nanoTime() - start);

    Duration slowest = Duration.ZERO;
    for (Map.Entry<String, ThrowingCallable> operation : everyOperation().entrySet()) {
      Duration took = timeFailure(operation.getValue());
      assertThat(took).as(operation.getKey()).isLessThan(FAIL_FAST);
      slowest = max(slowest, took);
    }
    assertThatThrownBy(() -> store.load(key)).hasMessageContaining("not connected to " + server.uri());
    LOG.info("Created while Redis was down in {} ms; slowest failed operation {} ms", creation.toMillis(),
        slowest.toMillis());

    server.restart();

    awaitWorking(store);
    AccessToken token = aToken().build();
    assertThat(store.saveIfNewer(key, token)).isEqualTo(token);
    assertThat(store.load(key)).contains(token);
  }

  private RedisTokenStore connectedStore() {
    RedisTokenStore created = RedisTokenStore.create(RedisStoreConfig.of(server.uri()), clock, TokenEventListener.noop());
    awaitWorking(created);
    return created;
  }

  private Map<String, ThrowingCallable> everyOperation() {
    AccessToken token = aToken().build();
    MintBackoff backoff = new MintBackoff(1, FailureKind.UPSTREAM_UNAVAILABLE, "503", clock.now().plusSeconds(5));
    Map<String, ThrowingCallable> operations = new LinkedHashMap<>();
    operations.put("load", () -> store.load(key));
    operations.put("saveIfNewer", () -> store.saveIfNewer(key, token));
    operations.put("evictIfSame", () -> store.evictIfSame(key, token));
    operations.put("tryAcquireLease", () -> store.tryAcquireLease(key, "owner", Duration.ofSeconds(30)));
    operations.put("releaseLease", () -> store.releaseLease(key, "owner"));
    operations.put("loadBackoff", () -> store.loadBackoff(key));
    operations.put("saveBackoff", () -> store.saveBackoff(key, backoff, Duration.ofSeconds(5)));
    operations.put("clearBackoff", () -> store.clearBackoff(key));
    return operations;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
