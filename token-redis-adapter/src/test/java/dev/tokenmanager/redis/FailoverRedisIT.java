package dev.tokenmanager.redis;

import static dev.tokenmanager.core.testing.TokenBuilder.aKey;
import static dev.tokenmanager.core.testing.TokenBuilder.aToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenmanager.core.FailoverTokenStore;
import dev.tokenmanager.core.TokenHealth;
import dev.tokenmanager.core.TokenManager;
import dev.tokenmanager.core.event.TokenEvent;
import dev.tokenmanager.core.event.TokenEventListener;
import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.model.TokenKey;
import dev.tokenmanager.core.port.Clock;
import dev.tokenmanager.core.port.TokenStore;
import dev.tokenmanager.core.testing.InMemoryTokenStore;
import dev.tokenmanager.core.testing.ScriptedTokenSource;
import dev.tokenmanager.redis.testing.RedisServerProcess;
import dev.tokenmanager.redis.testing.TestRedis;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link FailoverTokenStore} over two real Redis servers and process memory: a fleet keeps serving
 * and sharing one token when the first Redis is killed, and a frozen Redis costs one timeout per
 * {@code retryAfter}, not one per call.
 */
class FailoverRedisIT {

  private static final Logger LOG = LoggerFactory.getLogger(FailoverRedisIT.class);
  private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
  private static final int MANAGERS = 4;
  private static final int CALLERS_PER_MANAGER = 4;

  private final Clock clock = Clock.system();
  private final TokenKey key = aKey();
  private final String prefix = "tm:failover-it:" + UUID.randomUUID() + ":";
  private final List<TokenEvent> events = new CopyOnWriteArrayList<>();
  private final List<AutoCloseable> resources = new ArrayList<>();
  private RedisServerProcess first;
  private RedisServerProcess second;

  @BeforeEach
  void startTwoRedisServers() {
    first = TestRedis.startServer();
    second = TestRedis.startServer();
  }

  @AfterEach
  void stopEverything() throws Exception {
    for (AutoCloseable resource : resources) {
      resource.close();
    }
    first.close();
    second.close();
  }

  @Test
  void firstRedisKilledMidRun_noCallerFails_theFleetSharesOneTokenThroughTheSecond_thenTheFirstAgain() throws Exception {
    ScriptedTokenSource source = new ScriptedTokenSource(clock).lifetime(Duration.ofSeconds(10));
    AtomicInteger callsToFirst = new AtomicInteger();
    List<TokenManager> managers = new ArrayList<>();
    for (int i = 0; i < MANAGERS; i++) {
      TokenStore failover = FailoverTokenStore.of(clock, RETRY_AFTER, events::add,
          List.of(counting(redisStore(first), callsToFirst), redisStore(second), new InMemoryTokenStore(clock)));
      TokenManager manager = TokenManager.builder(source, failover).key(key).clock(clock).listener(events::add)
          .instanceId("member-" + i).build();
      managers.add(manager);
      resources.add(0, failover);
      resources.add(0, manager);
    }
    Callers callers = Callers.start(managers, CALLERS_PER_MANAGER);
    try {
      await().atMost(30, TimeUnit.SECONDS).until(() -> source.minted() >= 2 && sameToken(managers));

      first.kill();
      long killedAt = System.nanoTime();
      int callsAtKill = callsToFirst.get();
      int mintsAtKill = source.minted();
      await().atMost(40, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(50)).until(() ->
          source.minted() >= mintsAtKill + 2 && sameToken(managers)
              && managers.get(0).token().equals(stored(second)));
      double secondsDown = (System.nanoTime() - killedAt) / 1e9;
      int callsWhileDead = callsToFirst.get() - callsAtKill;
      LOG.info("first Redis dead for {} s: {} calls reached it from {} managers, {} mints meanwhile", secondsDown,
          callsWhileDead, MANAGERS, source.minted() - mintsAtKill);

      assertThat(callsWhileDead).as("at most one call per manager and retryAfter reaches the dead Redis")
          .isLessThanOrEqualTo((int) (MANAGERS * (secondsDown / RETRY_AFTER.toSeconds() + 2)));
      assertThat(source.minted() - mintsAtKill).as("one mint per rotation, give or take the switch")
          .isLessThanOrEqualTo(4);
      assertThat(storeWide(TokenEvent.StoreDegraded.class)).as("each failover store saw the first Redis die")
          .isEqualTo(MANAGERS);

      first.restart();
      int mintsAtRestart = source.minted();
      await().atMost(40, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(50)).until(() ->
          source.minted() >= mintsAtRestart + 1 && sameToken(managers)
              && managers.get(0).token().equals(stored(first)));
      assertThat(storeWide(TokenEvent.StoreRecovered.class)).isEqualTo(MANAGERS);
    } finally {
      callers.stop();
    }
    assertThat(callers.failures.sum()).as("caller failures").isZero();
    assertThat(callers.calls.sum()).isPositive();
    assertThat(events).as("no manager ever degraded: the failover store hid the outage")
        .noneMatch(event -> event instanceof TokenEvent.StoreDegraded && event.key() != null);
    assertThat(managers).allSatisfy(m -> assertThat(m.health(key).mode()).isEqualTo(TokenHealth.Mode.SHARED));
  }

  @Test
  void firstRedisFrozen_costsOneCommandTimeoutPerRetryAfter_theSecondAnswersMeanwhile() {
    AtomicInteger callsToFirst = new AtomicInteger();
    // long enough that the 20 loads below cannot outlast it, even on a busy machine
    Duration retryAfter = Duration.ofSeconds(3);
    FailoverTokenStore failover = FailoverTokenStore.of(clock, retryAfter, TokenEventListener.noop(),
        List.of(counting(redisStore(first), callsToFirst), redisStore(second)));
    resources.add(failover);
    AccessToken token = aToken().issuedAt(clock.now()).lifetime(Duration.ofMinutes(5)).build();
    failover.saveIfNewer(key, token);

    first.pause();
    try {
      long start = System.nanoTime();
      assertThat(failover.load(key)).contains(token);
      long firstLoadMillis = (System.nanoTime() - start) / 1_000_000;
      long slowest = 0;
      for (int i = 0; i < 20; i++) {
        long before = System.nanoTime();
        assertThat(failover.load(key)).contains(token);
        slowest = Math.max(slowest, (System.nanoTime() - before) / 1_000_000);
      }
      LOG.info("first Redis frozen: the first load took {} ms (command timeout), the slowest of 20 later ones {} ms",
          firstLoadMillis, slowest);

      assertThat(firstLoadMillis).as("one command timeout").isBetween(400L, 2_000L);
      assertThat(slowest).as("later loads skip the frozen Redis: none waits for the command timeout")
          .isLessThan(RedisStoreConfig.DEFAULT_COMMAND_TIMEOUT.toMillis());
      assertThat(callsToFirst.get()).isEqualTo(2);
    } finally {
      first.resume();
    }

    await().atMost(15, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(100)).until(() -> {
      int before = callsToFirst.get();
      failover.load(key);
      return callsToFirst.get() > before;
    });
    AccessToken next = aToken().issuedAt(clock.now()).lifetime(Duration.ofMinutes(6)).build();
    assertThat(failover.saveIfNewer(key, next)).isEqualTo(next);
    assertThat(stored(first)).isEqualTo(next);
    assertThat(stored(second)).isEqualTo(next);
  }

  private RedisTokenStore redisStore(RedisServerProcess server) {
    RedisTokenStore store = RedisTokenStore.create(RedisStoreConfig.of(server.uri()).withKeyPrefix(prefix), clock,
        events::add);
    StoreAwait.awaitWorking(store);
    return store;
  }

  /** Returns the token a server holds for the key, read through a new connection, or null. */
  private AccessToken stored(RedisServerProcess server) {
    try (RedisTokenStore reader = RedisTokenStore.create(RedisStoreConfig.of(server.uri()).withKeyPrefix(prefix),
        clock, TokenEventListener.noop())) {
      StoreAwait.awaitWorking(reader, Duration.ofSeconds(5));
      return reader.load(key).orElse(null);
    }
  }

  private long storeWide(Class<? extends TokenEvent> type) {
    return events.stream().filter(type::isInstance).filter(event -> event.key() == null).count();
  }

  private static boolean sameToken(List<TokenManager> managers) {
    Set<AccessToken> tokens = new HashSet<>();
    managers.forEach(manager -> tokens.add(manager.token()));
    return tokens.size() == 1;
  }

  /** Counts every store operation that reaches {@code target}. */
  private static TokenStore counting(TokenStore target, AtomicInteger calls) {
    return (TokenStore) Proxy.newProxyInstance(TokenStore.class.getClassLoader(), new Class<?>[] {TokenStore.class},
        (proxy, method, args) -> {
          if (!method.getName().equals("describe") && !method.getName().equals("close")) {
            calls.incrementAndGet();
          }
          try {
            return method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  /** Threads calling token() in a loop until stopped, counting calls and failures. */
  private static final class Callers {
    final LongAdder calls = new LongAdder();
    final LongAdder failures = new LongAdder();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService threads;
    private final List<CompletableFuture<Void>> loops = new ArrayList<>();

    private Callers(int size) {
      threads = Executors.newFixedThreadPool(size);
    }

    static Callers start(List<TokenManager> managers, int perManager) {
      Callers callers = new Callers(managers.size() * perManager);
      for (TokenManager manager : managers) {
        for (int i = 0; i < perManager; i++) {
          callers.loops.add(CompletableFuture.runAsync(() -> callers.loop(manager), callers.threads));
        }
      }
      return callers;
    }

    private void loop(TokenManager manager) {
      while (running.get()) {
        try {
          manager.token();
          calls.increment();
        } catch (RuntimeException e) {
          failures.increment();
          LOG.warn("caller failed", e);
        }
        try {
          Thread.sleep(2);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    void stop() throws Exception {
      running.set(false);
      CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
      threads.shutdownNow();
    }
  }
}
