package dev.tokenmanager.app.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tokenmanager.app.sandbox.SandboxSettings;
import dev.tokenmanager.core.RetryPolicy;
import dev.tokenmanager.core.TokenHealth;
import dev.tokenmanager.core.TokenManager;
import dev.tokenmanager.core.error.CredentialsRejectedException;
import dev.tokenmanager.core.error.TokenException;
import dev.tokenmanager.core.event.TokenEvent;
import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.model.FailureKind;
import dev.tokenmanager.core.port.Clock;
import dev.tokenmanager.core.testing.ManualClock;
import dev.tokenmanager.redis.testing.RedisServerProcess;
import dev.tokenmanager.redis.testing.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * No caller fails while a valid token can be had: Redis killed and restarted, the token endpoint
 * failing for minutes or for good, credentials rejected, a lease holder that stalls (issue
 * scenarios 4 to 8). Real redis-server processes, real HTTP.
 */
class FleetFaultIT {

  private static final String OUTAGE_503 = "{\"code\":503,\"message\":\"Service unavailable\"}";

  @Test
  void redisKilledDuringARotation_noCallerFails_andTheFleetSharesOneTokenAfterTheRestart() throws Exception {
    try (RedisServerProcess redis = TestRedis.startServer()) {
      SandboxSettings sandbox = SandboxSettings.defaults().withTokenLifetime(Duration.ofSeconds(10));
      try (Fleet fleet = Fleet.start(5, Clock.system(), sandbox, redis.uri(), b -> b
          .storeCircuitOpenFor(Duration.ofMillis(300)).storeProbeInterval(Duration.ofMillis(300)))) {
        Callers callers = Callers.start(fleet.managers, 4);
        try {
          await().atMost(30, TimeUnit.SECONDS).until(() -> fleet.sandbox.mints() >= 2);
          int mintsBeforeOutage = fleet.sandbox.mints();

          redis.kill();
          // Down for less than one refresh period (5 s): long enough for members to rotate on their own.
          waitAtMost(Duration.ofSeconds(4), () -> fleet.count(TokenEvent.StoreDegraded.class) >= 5);
          assertThat(fleet.sandbox.mints()).as("members minted on their own while Redis was down")
              .isGreaterThan(mintsBeforeOutage);
          int mintsWhileDown = fleet.sandbox.mints() - mintsBeforeOutage;
          redis.restart();
          long restartedAt = System.currentTimeMillis();

          await().atMost(10, TimeUnit.SECONDS).until(() -> sameToken(fleet.managers));
          long convergedAfter = System.currentTimeMillis() - restartedAt;

          assertThat(mintsWhileDown).as("at most one mint per process while Redis was down").isLessThanOrEqualTo(5);
          assertThat(convergedAfter).as("one shared token again within one refresh period (5 s)").isLessThan(5_000);
          assertThat(fleet.managers).allSatisfy(m -> assertThat(m.health(fleet.key).mode()).isEqualTo(TokenHealth.Mode.SHARED));
        } finally {
          callers.stop();
        }
        assertThat(callers.failures.sum()).isZero();
        assertThat(callers.expiredHandedOut.sum()).isZero();
        assertThat(callers.calls.sum()).isPositive();
        assertThat(fleet.sandbox.apiRejected()).isZero();
      }
    }
  }

  private static boolean sameToken(List<TokenManager> managers) {
    return new HashSet<>(managers.stream().map(TokenManager::token).toList()).size() == 1;
  }

  /** Waits until the condition holds or the time is up, whichever comes first. */
  private static void waitAtMost(Duration limit, java.util.concurrent.Callable<Boolean> condition) {
    try {
      await().atMost(limit).pollInterval(Duration.ofMillis(20)).until(condition);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      // the limit is what the test is about; go on
    }
  }

  @Test
  void endpoint503ForTenMinutesWithFifteenLeft_noCallerFails_attemptsFollowTheBackoff_newTokenWithinAStep()
      throws Exception {
    ManualClock clock = ManualClock.create();
    try (TestRedis redis = TestRedis.resolve();
        Fleet fleet = Fleet.start(3, clock, SandboxSettings.defaults().withTokenLifetime(Duration.ofHours(1)),
            redis.uri(), b -> b.executor(Runnable::run).random(() -> 0.5))) {
      AccessToken first = warmUp(fleet);
      clock.advance(Duration.ofMinutes(45));
      fleet.sandbox.failTokenRequests(503, "application/json", OUTAGE_503);
      int requestsBefore = fleet.sandbox.tokenRequests();

      for (int second = 0; second < 600; second++) {
        clock.advance(Duration.ofSeconds(1));
        for (TokenManager manager : fleet.managers) {
          assertThat(manager.token()).isEqualTo(first);
        }
      }
      int attempts = fleet.sandbox.tokenRequests() - requestsBefore;
      fleet.sandbox.recover();
      long recoveredAt = clock.millis();
      while (fleet.sandbox.mints() == 1) {
        clock.advance(Duration.ofSeconds(1));
        for (TokenManager manager : fleet.managers) {
          manager.token();
        }
      }
      long newTokenAfter = clock.millis() - recoveredAt;

      // Every member draws 0.5: refresh 7.5 minutes before expiry (52:30), then full-jitter waits of
      // half the ceiling: 0.5 s, 1 s, 2 s, ... capped at 30 s, fleet-wide.
      assertThat(attempts).isEqualTo(expectedAttempts(Duration.ofSeconds(150), RetryPolicy.defaults(), 0.5));
      assertThat(newTokenAfter).as("new token within one backoff step").isLessThanOrEqualTo(30_000);
      assertThat(fleet.managers.get(0).token()).isNotEqualTo(first);
    }
  }

  /** Attempts a fleet makes in {@code window} when every wait is {@code draw} times the ceiling. */
  private static int expectedAttempts(Duration window, RetryPolicy policy, double draw) {
    long at = 0;
    int attempts = 0;
    for (int failures = 1; at < window.toMillis(); failures++) {
      attempts++;
      long ceiling = Math.min(policy.maxBackoff().toMillis(), policy.initialBackoff().toMillis() << Math.min(failures - 1, 30));
      at += (long) (draw * ceiling);
    }
    return attempts;
  }

  @Test
  void endpoint503ForeverNothingCached_fiveHundredCallersFailFast_oneAttemptPerBackoffStep_threadsStayFlat()
      throws Exception {
    SandboxSettings sandbox = SandboxSettings.defaults();
    try (TestRedis redis = TestRedis.resolve();
        Fleet fleet = Fleet.start(10, Clock.system(), sandbox, redis.uri(), b -> b.random(() -> 0.5))) {
      fleet.sandbox.failTokenRequests(503, "text/html", "<html><body>503 Service Unavailable</body></html>");
      Callers callers = Callers.start(fleet.managers, 50);
      long started = System.currentTimeMillis();
      int threadsEarly;
      try {
        await().pollDelay(Duration.ofSeconds(2)).atMost(5, TimeUnit.SECONDS).until(() -> true);
        threadsEarly = Thread.activeCount();
        await().pollDelay(Duration.ofSeconds(8)).atMost(12, TimeUnit.SECONDS).until(() -> true);
      } finally {
        callers.stop();
      }
      long elapsed = System.currentTimeMillis() - started;
      int threadsLate = Thread.activeCount();

      // Waits of 0.5, 1, 2, 4, 8 s after the attempts at 0, 0.5, 1.5, 3.5 and 7.5 s.
      int steps = expectedAttempts(Duration.ofMillis(elapsed), RetryPolicy.defaults(), 0.5);
      assertThat(fleet.sandbox.tokenRequests()).as("attempts, fleet-wide").isBetween(1, steps + 1);
      assertThat(callers.failures.sum()).isGreaterThan(1_000);
      assertThat(callers.typedFailures.sum()).isEqualTo(callers.failures.sum());
      assertThat(callers.slowestFailureAfterTheFirstSecond.get()).as("fail fast once the circuit is open (ms)")
          .isLessThan(1_000);
      // At most one thread per member may appear late: its HTTP client's selector, started by its
      // first own attempt. Nothing grows with callers or attempts.
      assertThat(threadsLate - threadsEarly).as("thread count stays flat").isLessThanOrEqualTo(fleet.managers.size() + 2);
      assertThat(Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("token-refresh")).count())
          .as("refresh threads").isLessThanOrEqualTo(2L * fleet.managers.size());
    }
  }

  @Test
  void credentialsRejectedWhileATokenIsCached_servedUntilItsDeadline_noRetryLoop_visibleInHealth() throws Exception {
    ManualClock clock = ManualClock.create();
    try (TestRedis redis = TestRedis.resolve();
        Fleet fleet = Fleet.start(2, clock, SandboxSettings.defaults().withTokenLifetime(Duration.ofHours(1)),
            redis.uri(), b -> b.executor(Runnable::run).random(() -> 0.5))) {
      AccessToken cached = warmUp(fleet);
      fleet.sandbox.failTokenRequests(401, "application/json",
          "{\"reason\":\"Invalid client_id or client_secret\",\"error\":\"invalid_client\"}");
      int requestsBefore = fleet.sandbox.tokenRequests();

      for (int second = 0; second < 58 * 60; second++) {
        clock.advance(Duration.ofSeconds(1));
        for (TokenManager manager : fleet.managers) {
          assertThat(manager.token()).isEqualTo(cached);
        }
      }

      // Refresh at 52:30, then at most one attempt per 5-minute cooldown for the whole fleet.
      assertThat(fleet.sandbox.tokenRequests() - requestsBefore).isBetween(1, 2);
      for (TokenManager manager : fleet.managers) {
        TokenHealth health = manager.health(fleet.key);
        assertThat(health.lastFailureKind()).isEqualTo(FailureKind.CREDENTIALS_REJECTED);
        assertThat(health.state()).isEqualTo(TokenHealth.State.STALE);
      }
      assertThat(fleet.count(TokenEvent.RefreshFailed.class)).isPositive();

      clock.advance(Duration.ofMinutes(1).plusSeconds(1));
      for (TokenManager manager : fleet.managers) {
        assertThatThrownBy(manager::token).isInstanceOf(CredentialsRejectedException.class);
      }
    }
  }

  @Test
  void leaseHolderStallsPastItsLease_anotherRotates_theStaleWriteIsRejectedAndTheNewerTokenStays() throws Exception {
    try (TestRedis redis = TestRedis.resolve();
        Fleet fleet = Fleet.start(2, Clock.system(), SandboxSettings.defaults().withTokenLifetime(Duration.ofHours(1)),
            redis.uri(), b -> b.leaseTtl(Duration.ofSeconds(1)).maxWait(Duration.ofSeconds(20)))) {
      fleet.sandbox.tokenLatency(Duration.ofMillis(2500));
      CompletableFuture<AccessToken> stalled = CompletableFuture.supplyAsync(() -> fleet.managers.get(0).token());
      await().atMost(5, TimeUnit.SECONDS).until(() -> fleet.sandbox.tokenRequests() == 1);
      fleet.sandbox.tokenLatency(Duration.ZERO);
      await().pollDelay(Duration.ofMillis(1200)).atMost(3, TimeUnit.SECONDS).until(() -> true);

      AccessToken newer = fleet.managers.get(1).token();
      AccessToken firstGot = stalled.get(30, TimeUnit.SECONDS);

      assertThat(fleet.sandbox.mints()).isEqualTo(2);
      assertThat(firstGot).as("the stalled holder adopts the newer token").isEqualTo(newer);
      assertThat(fleet.stored(Clock.system())).isEqualTo(newer);
      assertThat(fleet.managers.get(0).token()).isEqualTo(newer);
    }
  }

  private static AccessToken warmUp(Fleet fleet) {
    AccessToken first = fleet.managers.get(0).token();
    for (TokenManager manager : fleet.managers) {
      assertThat(manager.token()).isEqualTo(first);
    }
    return first;
  }

  /** Threads calling token() in a loop until stopped, counting what happens. */
  static final class Callers {
    final LongAdder calls = new LongAdder();
    final LongAdder failures = new LongAdder();
    final LongAdder typedFailures = new LongAdder();
    final LongAdder expiredHandedOut = new LongAdder();
    final AtomicLong slowestFailureAfterTheFirstSecond = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService threads;
    private final List<CompletableFuture<Void>> loops = new ArrayList<>();

    private Callers(int size) {
      threads = Executors.newFixedThreadPool(size);
    }

    static Callers start(List<TokenManager> managers, int perManager) {
      Callers callers = new Callers(managers.size() * perManager);
      long started = System.currentTimeMillis();
      for (TokenManager manager : managers) {
        for (int i = 0; i < perManager; i++) {
          callers.loops.add(CompletableFuture.runAsync(() -> callers.loop(manager, started), callers.threads));
        }
      }
      return callers;
    }

    private void loop(TokenManager manager, long started) {
      while (running.get()) {
        long before = System.nanoTime();
        try {
          AccessToken token = manager.token();
          calls.increment();
          if (token.expiresAtMillis() <= System.currentTimeMillis()) {
            expiredHandedOut.increment();
          }
        } catch (TokenException e) {
          failures.increment();
          typedFailures.increment();
          if (System.currentTimeMillis() - started > 1_000) {
            slowestFailureAfterTheFirstSecond.accumulateAndGet((System.nanoTime() - before) / 1_000_000, Math::max);
          }
        } catch (RuntimeException e) {
          failures.increment();
        }
        Thread.onSpinWait();
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
