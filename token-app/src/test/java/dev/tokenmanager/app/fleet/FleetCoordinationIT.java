package dev.tokenmanager.app.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmanager.app.sandbox.SandboxSettings;
import dev.tokenmanager.core.TokenManager;
import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.port.Clock;
import dev.tokenmanager.core.testing.ManualClock;
import dev.tokenmanager.redis.testing.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One token per rotation for a whole fleet sharing a real Redis and a real HTTP token endpoint
 * (issue scenarios 1, 2, 9 and 10).
 */
class FleetCoordinationIT {

  private static TestRedis redis;
  private static ExecutorService callers;

  @BeforeAll
  static void start() {
    redis = TestRedis.resolve();
    callers = Executors.newFixedThreadPool(500);
  }

  @AfterAll
  static void stop() throws Exception {
    callers.shutdownNow();
    redis.close();
  }

  /** Calls token() from {@code threads} threads per manager at once; returns every token handed out. */
  private static List<AccessToken> callAll(List<TokenManager> managers, int threads) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<AccessToken>> results = new ArrayList<>();
    for (TokenManager manager : managers) {
      for (int t = 0; t < threads; t++) {
        Callable<AccessToken> call = () -> {
          go.await();
          return manager.token();
        };
        results.add(callers.submit(call));
      }
    }
    go.countDown();
    List<AccessToken> tokens = new ArrayList<>();
    for (Future<AccessToken> result : results) {
      tokens.add(result.get(60, TimeUnit.SECONDS));
    }
    return tokens;
  }

  @Test
  void coldStart_twentyManagersTimesTwentyFiveThreads_exactlyOneMintAndOneToken() throws Exception {
    SandboxSettings sandbox = SandboxSettings.defaults().withTokenLifetime(Duration.ofHours(1))
        .withTokenLatency(Duration.ofMillis(300));
    try (Fleet fleet = Fleet.start(20, Clock.system(), sandbox, redis.uri(), b -> b)) {

      List<AccessToken> tokens = callAll(fleet.managers, 25);

      assertThat(tokens).hasSize(500);
      assertThat(new HashSet<>(tokens)).hasSize(1);
      assertThat(fleet.sandbox.mints()).isEqualTo(1);
      assertThat(fleet.sandbox.tokenRequests()).isEqualTo(1);
    }
  }

  @Test
  void tenRotations_onAManualClock_exactlyOneMintPerRotation() throws Exception {
    ManualClock clock = ManualClock.create();
    Random draws = new Random(42);
    SandboxSettings sandbox = SandboxSettings.defaults().withTokenLifetime(Duration.ofHours(1));
    try (Fleet fleet = Fleet.start(20, clock, sandbox, redis.uri(),
        b -> b.executor(Runnable::run).random(() -> nextDraw(draws)))) {
      AccessToken previous = warmUp(fleet);
      assertThat(callAll(fleet.managers, 25)).containsOnly(previous);
      assertThat(fleet.sandbox.mints()).isEqualTo(1);

      for (int rotation = 1; rotation <= 10; rotation++) {
        int before = fleet.sandbox.mints();
        while (fleet.sandbox.mints() == before) {
          clock.advance(Duration.ofSeconds(10));
        }
        // Let the refresh window close: every member has woken and adopted the new token.
        clock.advance(Duration.ofMinutes(6));
        List<AccessToken> tokens = callAll(fleet.managers, 25);

        assertThat(new HashSet<>(tokens)).as("rotation %d", rotation).hasSize(1);
        assertThat(tokens.get(0)).isNotEqualTo(previous);
        assertThat(fleet.sandbox.mints()).as("mints after rotation %d", rotation).isEqualTo(rotation + 1);
        previous = tokens.get(0);
      }
    }
  }

  /**
   * On a manual clock nothing polls unless the test moves time, so members start one after another:
   * the first mints, the others adopt its token from Redis.
   */
  private static AccessToken warmUp(Fleet fleet) {
    AccessToken first = fleet.managers.get(0).token();
    for (TokenManager manager : fleet.managers) {
      assertThat(manager.token()).isEqualTo(first);
    }
    return first;
  }

  private static synchronized double nextDraw(Random random) {
    return random.nextDouble();
  }

  @Test
  void invalidate_hundredConcurrentRejectionsOfOneToken_oneMint_andALateRejectionKeepsTheSuccessor() throws Exception {
    SandboxSettings sandbox = SandboxSettings.defaults().withTokenLifetime(Duration.ofHours(1));
    try (Fleet fleet = Fleet.start(4, Clock.system(), sandbox, redis.uri(), b -> b)) {
      AccessToken t1 = callAll(fleet.managers, 1).get(0);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Boolean>> rejections = new ArrayList<>();
      for (TokenManager manager : fleet.managers) {
        for (int t = 0; t < 25; t++) {
          rejections.add(callers.submit(() -> {
            go.await();
            return manager.invalidate(t1);
          }));
        }
      }
      go.countDown();
      for (Future<Boolean> rejection : rejections) {
        rejection.get(30, TimeUnit.SECONDS);
      }

      List<AccessToken> after = callAll(fleet.managers, 25);

      Set<AccessToken> distinct = new HashSet<>(after);
      assertThat(distinct).hasSize(1).doesNotContain(t1);
      AccessToken t2 = after.get(0);
      assertThat(fleet.sandbox.mints()).isEqualTo(2);

      assertThat(fleet.managers.get(0).invalidate(t1)).isFalse();
      assertThat(fleet.stored(Clock.system())).isEqualTo(t2);
      assertThat(callAll(fleet.managers, 1)).containsOnly(t2);
      assertThat(fleet.sandbox.mints()).isEqualTo(2);
    }
  }

  @Test
  void token_callerNeedsTwentyMinutesWhenFifteenRemain_getsAFreshTokenWhileOthersAreServed() throws Exception {
    ManualClock clock = ManualClock.create();
    SandboxSettings sandbox = SandboxSettings.defaults().withTokenLifetime(Duration.ofHours(1));
    try (Fleet fleet = Fleet.start(2, clock, sandbox, redis.uri(), b -> b.executor(Runnable::run).random(() -> 0.5))) {
      AccessToken first = warmUp(fleet);
      clock.advance(Duration.ofMinutes(45));

      AccessToken batch = fleet.managers.get(0).token(Duration.ofMinutes(20));

      assertThat(batch).isNotEqualTo(first);
      assertThat(Duration.between(clock.now(), batch.expiresAt())).isGreaterThanOrEqualTo(Duration.ofMinutes(20));
      assertThat(fleet.managers.get(1).token()).as("another process keeps its valid token").isEqualTo(first);
      assertThat(fleet.managers.get(1).token(Duration.ofMinutes(20))).as("and adopts the new one when it needs it")
          .isEqualTo(batch);
      assertThat(fleet.sandbox.mints()).isEqualTo(2);
    }
  }
}
