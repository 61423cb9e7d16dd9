package dev.tokenmanager.core;

import static dev.tokenmanager.core.testing.TokenBuilder.aKey;
import static dev.tokenmanager.core.testing.TokenBuilder.aToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tokenmanager.core.error.CredentialsRejectedException;
import dev.tokenmanager.core.error.RateLimitedException;
import dev.tokenmanager.core.error.TokenException;
import dev.tokenmanager.core.error.TokenUnavailableException;
import dev.tokenmanager.core.error.UpstreamUnavailableException;
import dev.tokenmanager.core.event.TokenEvent;
import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.model.FailureKind;
import dev.tokenmanager.core.model.TokenKey;
import dev.tokenmanager.core.port.Clock;
import dev.tokenmanager.core.testing.InMemoryTokenStore;
import dev.tokenmanager.core.testing.ManualClock;
import dev.tokenmanager.core.testing.QueuedExecutor;
import dev.tokenmanager.core.testing.ScriptedTokenSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TokenManagerTest {

  private static final TokenKey KEY = aKey();

  private final ManualClock clock = ManualClock.create();
  private final InMemoryTokenStore store = new InMemoryTokenStore(clock);
  private final ScriptedTokenSource source = new ScriptedTokenSource(clock);
  private final List<TokenEvent> events = new CopyOnWriteArrayList<>();
  private final QueuedExecutor executor = new QueuedExecutor();
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<TokenManager> managers = new CopyOnWriteArrayList<>();

  @AfterEach
  void tearDown() {
    managers.forEach(TokenManager::close);
    threads.shutdownNow();
  }

  private TokenManager manager(double draw) {
    executor.direct(true);
    return manager(draw, executor);
  }

  private TokenManager manager(double draw, java.util.concurrent.Executor refreshExecutor) {
    TokenManager manager = TokenManager.builder(source, store)
        .key(KEY)
        .clock(clock)
        .executor(refreshExecutor)
        .random(() -> draw)
        .listener(events::add)
        .build();
    managers.add(manager);
    return manager;
  }

  private <E extends TokenEvent> List<E> events(Class<E> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  private static UpstreamUnavailableException http503() {
    return new UpstreamUnavailableException(KEY, "HTTP 503 from the token endpoint", null);
  }

  @Test
  void token_coldStart_mintsOnceAndSharesTheTokenThroughTheStore() {
    TokenManager manager = manager(0.5);

    AccessToken token = manager.token();

    assertThat(token.value()).isEqualTo("minted-1-0");
    assertThat(store.load(KEY)).contains(token);
    assertThat(source.minted()).isEqualTo(1);
    assertThat(events(TokenEvent.Minted.class)).hasSize(1);
  }

  @Test
  void token_fresh_isServedFromMemoryWithoutTouchingSourceOrStore() {
    TokenManager manager = manager(0.5);
    AccessToken first = manager.token();
    int storeOperations = store.operations();

    for (int i = 0; i < 10_000; i++) {
      assertThat(manager.token()).isSameAs(first);
    }

    assertThat(store.operations()).isEqualTo(storeOperations);
    assertThat(source.calls()).isEqualTo(1);
  }

  @Test
  void token_stale_servesTheCurrentTokenWhileTheRefreshRunsInTheBackground() {
    TokenManager manager = manager(0.0);
    AccessToken first = manager.token();
    executor.direct(false);

    clock.advance(Duration.ofMinutes(50).plusMillis(1));

    assertThat(manager.token()).isSameAs(first);
    assertThat(manager.health(KEY).state()).isEqualTo(TokenHealth.State.STALE);
    assertThat(executor.pending()).isEqualTo(1);
    assertThat(source.calls()).isEqualTo(1);

    executor.runAll();

    assertThat(manager.token().value()).isEqualTo("minted-2-0");
    assertThat(manager.health(KEY).state()).isEqualTo(TokenHealth.State.FRESH);
  }

  @Test
  void token_refreshLandsBetweenTheHotPathAndTheSlowPath_mintsNoSecondToken() {
    HookedClock hooked = new HookedClock(clock);
    TokenManager manager = TokenManager.builder(source, store).key(KEY).clock(hooked).executor(executor)
        .random(() -> 0.0).listener(events::add).build();
    managers.add(manager);
    executor.direct(true);
    manager.token();
    executor.direct(false);
    clock.advance(Duration.ofMinutes(50).plusMillis(1));
    manager.token();
    assertThat(executor.pending()).isEqualTo(1);

    // This caller reads the stale entry, then the clock; the refresh lands in between, as it can
    // when many threads call while a refresh finishes.
    hooked.onNextRead(executor::runAll);
    AccessToken served = manager.token();
    executor.runAll();

    assertThat(served.value()).isEqualTo("minted-2-0");
    assertThat(source.minted()).isEqualTo(2);
  }

  @Test
  void backgroundRefresher_noCallers_refreshesEveryRotation() {
    TokenManager manager = manager(0.5);
    manager.token();

    // A draw of 0.5 puts each refresh 7.5 minutes before expiry: one rotation per 52.5 minutes.
    for (int rotation = 0; rotation < 10; rotation++) {
      clock.advance(Duration.ofSeconds(3150));
    }

    assertThat(source.minted()).isEqualTo(11);
    assertThat(manager.health(KEY).state()).isEqualTo(TokenHealth.State.FRESH);
    assertThat(manager.health(KEY).remaining()).isGreaterThan(Duration.ofMinutes(7));
  }

  @Test
  void token_refreshFailing_servesTheCurrentTokenUntilItsHardDeadline() {
    TokenManager manager = manager(0.5);
    AccessToken first = manager.token();
    source.failWith(http503());

    clock.advance(Duration.ofMinutes(58));

    assertThat(manager.token()).isSameAs(first);
    assertThat(source.calls()).as("attempts in 8 minutes of backoff").isBetween(5, 30);
    assertThat(manager.health(KEY).lastFailureKind()).isEqualTo(FailureKind.UPSTREAM_UNAVAILABLE);
  }

  @Test
  void token_pastTheHardDeadline_neverHandsOutTheOldToken() {
    TokenManager manager = manager(0.5);
    manager.token();
    source.failWith(http503());

    clock.advance(Duration.ofMinutes(59).plusMillis(1));

    assertThatThrownBy(manager::token).isInstanceOf(UpstreamUnavailableException.class);
    assertThat(manager.health(KEY).state()).isEqualTo(TokenHealth.State.EXPIRED);
  }

  @Test
  void refresh_failingRepeatedly_backsOffExponentiallyUpToTheCap() {
    TokenManager manager = manager(0.999);
    source.failWith(http503());

    assertThatThrownBy(manager::token).isInstanceOf(UpstreamUnavailableException.class);
    for (int i = 0; i < 8; i++) {
      clock.advance(Duration.ofSeconds(60));
    }

    List<Long> waits = events(TokenEvent.RefreshFailed.class).stream()
        .map(e -> e.nextAttemptAt().toEpochMilli() - e.at().toEpochMilli())
        .toList();
    assertThat(waits).startsWith(999L, 1998L, 3996L, 7992L, 15984L, 31968L, 59940L, 59940L);
  }

  @Test
  void token_circuitOpen_failsFastWithTheTypedErrorWithoutCallingTheSource() {
    TokenManager manager = manager(0.999);
    source.failWith(http503());
    assertThatThrownBy(manager::token).isInstanceOf(UpstreamUnavailableException.class);

    for (int i = 0; i < 100; i++) {
      assertThatThrownBy(manager::token).isInstanceOf(UpstreamUnavailableException.class);
    }

    assertThat(source.calls()).isEqualTo(1);
  }

  @Test
  void refresh_rateLimited_waitsUntilRetryAfter() {
    TokenManager manager = manager(0.0);
    source.failWith(new RateLimitedException(KEY, "HTTP 429", clock.now().plusSeconds(30), "QPS"));
    assertThatThrownBy(manager::token).isInstanceOf(RateLimitedException.class);
    source.succeed();

    clock.advance(Duration.ofSeconds(29));
    assertThat(source.calls()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(2));
    assertThat(source.calls()).isEqualTo(2);
    assertThat(manager.token().value()).isEqualTo("minted-1-0");
  }

  @Test
  void refresh_credentialsRejected_keepsServingTheCachedTokenWithoutARetryLoop() {
    TokenManager manager = manager(0.0);
    AccessToken cached = manager.token();
    source.failWith(new CredentialsRejectedException(KEY, "HTTP 400 invalid_client: Invalid client_id or client_secret", null));

    clock.advance(Duration.ofMinutes(50).plusMillis(1));
    for (int second = 0; second < 240; second++) {
      assertThat(manager.token()).isSameAs(cached);
      clock.advance(Duration.ofSeconds(1));
    }

    assertThat(source.calls()).as("one attempt, then a cooldown").isEqualTo(2);
    TokenHealth health = manager.health(KEY);
    assertThat(health.lastFailureKind()).isEqualTo(FailureKind.CREDENTIALS_REJECTED);
    assertThat(health.lastFailureMessage()).contains("invalid_client");
    assertThat(events(TokenEvent.RefreshFailed.class)).hasSize(1);

    clock.advance(Duration.ofMinutes(6));
    assertThatThrownBy(manager::token).isInstanceOf(CredentialsRejectedException.class);
  }

  @Test
  void token_anotherManagerRotated_adoptsItsTokenInsteadOfMinting() {
    TokenManager early = manager(0.0);
    TokenManager late = manager(0.9);
    AccessToken first = early.token();
    assertThat(late.token()).isEqualTo(first);
    assertThat(source.minted()).isEqualTo(1);

    clock.advance(Duration.ofMinutes(55));

    assertThat(source.minted()).isEqualTo(2);
    assertThat(late.token()).isEqualTo(early.token());
    assertThat(events(TokenEvent.Adopted.class)).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void token_leaseHeldElsewhere_waitsForTheHoldersTokenAndAdoptsIt() throws Exception {
    TokenManager manager = manager(0.5, threads);
    assertThat(store.tryAcquireLease(KEY, "another-process", Duration.ofSeconds(15))).isTrue();

    CompletableFuture<AccessToken> caller = CompletableFuture.supplyAsync(manager::token, threads);
    await().atMost(5, TimeUnit.SECONDS).until(() -> clock.pendingTasks() == 1);
    AccessToken theirs = aToken().issuedAt(clock.now()).build();
    store.saveIfNewer(KEY, theirs);
    clock.advance(Duration.ofMillis(50));

    assertThat(caller.get(5, TimeUnit.SECONDS)).isEqualTo(theirs);
    assertThat(source.calls()).isZero();
    assertThat(events(TokenEvent.LeaseWaited.class)).singleElement().satisfies(e -> assertThat(e.adopted()).isTrue());
  }

  @Test
  void token_leaseHolderDied_takesOverWhenTheLeaseLapses() throws Exception {
    TokenManager manager = manager(0.5, threads);
    assertThat(store.tryAcquireLease(KEY, "dead-process", Duration.ofSeconds(15))).isTrue();

    CompletableFuture<AccessToken> caller = CompletableFuture.supplyAsync(manager::token, threads);
    for (int step = 0; step < 20 && !caller.isDone(); step++) {
      await().atMost(5, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(1))
          .until(() -> caller.isDone() || clock.pendingTasks() > 0);
      clock.advance(Duration.ofSeconds(1));
    }

    assertThat(caller.get(5, TimeUnit.SECONDS).value()).isEqualTo("minted-1-0");
    assertThat(source.minted()).isEqualTo(1);
  }

  @Test
  void token_callerNeedsMoreThanTheCurrentTokenHasLeft_getsAFreshOne() {
    TokenManager manager = manager(0.5);
    AccessToken first = manager.token();
    clock.advance(Duration.ofMinutes(45));

    AccessToken longLived = manager.token(Duration.ofMinutes(20));

    assertThat(longLived).isNotEqualTo(first);
    assertThat(Duration.between(clock.now(), longLived.expiresAt())).isGreaterThanOrEqualTo(Duration.ofMinutes(20));
    assertThat(manager.token()).isEqualTo(longLived);
    assertThat(source.minted()).isEqualTo(2);
  }

  @Test
  void token_callerNeedsMoreThanAnyTokenLives_failsClearly() {
    TokenManager manager = manager(0.5);

    assertThatThrownBy(() -> manager.token(Duration.ofHours(2)))
        .isInstanceOf(TokenUnavailableException.class)
        .hasMessageContaining("requested PT2H");
  }

  @Test
  void invalidate_theCurrentToken_evictsItEverywhereAndMintsOnce() {
    TokenManager manager = manager(0.5);
    AccessToken rejected = manager.token();

    int evicted = 0;
    for (int i = 0; i < 100; i++) {
      evicted += manager.invalidate(KEY, rejected) ? 1 : 0;
    }

    assertThat(evicted).isEqualTo(1);
    assertThat(source.minted()).isEqualTo(2);
    AccessToken next = manager.token();
    assertThat(next).isNotEqualTo(rejected);
    assertThat(store.load(KEY)).contains(next);
  }

  @Test
  void invalidate_aLateReportOfAnOldToken_keepsItsSuccessor() {
    TokenManager manager = manager(0.5);
    AccessToken t1 = manager.token();
    manager.invalidate(KEY, t1);
    AccessToken t2 = manager.token();

    assertThat(manager.invalidate(KEY, t1)).isFalse();

    assertThat(manager.token()).isEqualTo(t2);
    assertThat(store.load(KEY)).contains(t2);
    assertThat(source.minted()).isEqualTo(2);
  }

  @Test
  void invalidate_theSuccessorRejectedRightAway_mintsNoMoreUntilTheCooldownEnds() {
    TokenManager manager = manager(0.5);
    AccessToken t1 = manager.token();
    assertThat(manager.invalidate(KEY, t1)).isTrue();
    AccessToken t2 = manager.token();

    assertThat(manager.invalidate(KEY, t2)).as("rejected again within 30 s").isFalse();
    assertThat(manager.token()).isEqualTo(t2);
    assertThat(source.minted()).isEqualTo(2);

    clock.advance(Duration.ofSeconds(31));
    assertThat(manager.invalidate(KEY, t2)).isTrue();
    assertThat(manager.token()).isNotEqualTo(t2);
    assertThat(source.minted()).isEqualTo(3);
  }

  @Test
  void invalidate_theStoreStillHoldsTheRejectedToken_doesNotAdoptItAgain() {
    TokenManager manager = manager(0.5);
    AccessToken rejected = manager.token();
    store.unreachable(true);
    manager.invalidate(KEY, rejected);
    store.unreachable(false);

    assertThat(manager.token()).isNotEqualTo(rejected);
  }

  @Test
  void storeUnreachable_mintsDirectlyAndReportsDegraded() {
    TokenManager manager = manager(0.5);
    store.unreachable(true);

    AccessToken token = manager.token();

    assertThat(token.value()).isEqualTo("minted-1-0");
    assertThat(manager.health(KEY).mode()).isEqualTo(TokenHealth.Mode.DEGRADED);
    assertThat(events(TokenEvent.StoreDegraded.class)).hasSize(1);

    store.unreachable(false);
    clock.advance(Duration.ofMinutes(55));

    assertThat(manager.health(KEY).mode()).isEqualTo(TokenHealth.Mode.SHARED);
    assertThat(events(TokenEvent.StoreRecovered.class)).hasSize(1);
  }

  @Test
  void storeDown_theCircuitOpens_soARefreshTouchesTheDeadStoreOnce() {
    InMemoryTokenStore fallback = new InMemoryTokenStore(clock);
    TokenManager manager = managerWithFallback(fallback, 0.5);
    store.unreachable(true);

    AccessToken token = manager.token();

    assertThat(token.value()).isEqualTo("minted-1-0");
    assertThat(store.operations()).as("the first failure opens the circuit").isEqualTo(1);
    assertThat(fallback.load(KEY)).contains(token);
    assertThat(manager.health(KEY).mode()).isEqualTo(TokenHealth.Mode.DEGRADED);
  }

  @Test
  void storeBack_afterAnOutage_theFleetConvergesOnTheLatestToken() {
    TokenManager first = managerWithFallback(new InMemoryTokenStore(clock), 0.5);
    TokenManager second = managerWithFallback(new InMemoryTokenStore(clock), 0.5);
    store.unreachable(true);
    AccessToken firstOwn = first.token();
    clock.advance(Duration.ofSeconds(1));
    AccessToken secondOwn = second.token();
    assertThat(secondOwn).isNotEqualTo(firstOwn);

    store.unreachable(false);
    clock.advance(Duration.ofSeconds(11));

    assertThat(first.token()).isEqualTo(secondOwn);
    assertThat(second.token()).isEqualTo(secondOwn);
    assertThat(store.load(KEY)).contains(secondOwn);
    assertThat(first.health(KEY).mode()).isEqualTo(TokenHealth.Mode.SHARED);
    assertThat(source.minted()).isEqualTo(2);
  }

  private TokenManager managerWithFallback(InMemoryTokenStore fallback, double draw) {
    TokenManager manager = TokenManager.builder(source, store).key(KEY).clock(clock).executor(Runnable::run)
        .random(() -> draw).listener(events::add).fallbackStore(fallback).build();
    managers.add(manager);
    return manager;
  }

  @Test
  void failure_recordedByOneManager_holdsBackTheWholeFleet() {
    TokenManager first = manager(0.999);
    TokenManager second = manager(0.999);
    source.failWith(http503());

    assertThatThrownBy(first::token).isInstanceOf(UpstreamUnavailableException.class);
    assertThatThrownBy(second::token)
        .isInstanceOf(UpstreamUnavailableException.class)
        .hasMessageContaining("elsewhere in the fleet");

    assertThat(source.calls()).isEqualTo(1);
  }

  @Test
  void close_stopsTheBackgroundRefresher() {
    TokenManager manager = manager(0.5);
    manager.token();

    manager.close();
    manager.close();
    clock.advance(Duration.ofHours(3));

    assertThat(source.calls()).isEqualTo(1);
    assertThatThrownBy(() -> manager.token(aKey().withSlot(3))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void listener_throwing_neverBreaksARefresh() {
    TokenManager manager = TokenManager.builder(source, store).key(KEY).clock(clock).executor(Runnable::run)
        .listener(event -> {
          throw new IllegalStateException("broken listener");
        })
        .build();
    managers.add(manager);

    assertThat(manager.token().value()).isEqualTo("minted-1-0");
  }

  @Test
  void token_noDefaultKey_saysHowToFixIt() {
    TokenManager manager = TokenManager.builder(source, store).clock(clock).build();
    managers.add(manager);

    assertThatThrownBy(manager::token).isInstanceOf(IllegalStateException.class).hasMessageContaining("give the builder a key");
  }

  @Test
  void builder_nonPositiveWait_isRejectedNamingTheSetting() {
    assertThatThrownBy(() -> TokenManager.builder(source, store).maxWait(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxWait must be greater than 0, but was PT0S");
  }

  @Test
  void tokenException_recreatedFromAFleetRecord_keepsItsKind() {
    for (FailureKind kind : FailureKind.values()) {
      TokenException e = TokenException.of(kind, KEY, "reason");
      assertThat(e.kind()).isEqualTo(kind);
      assertThat(e.isRetryable()).isEqualTo(kind.retryable());
      assertThat(e.key()).contains(KEY);
    }
  }

  /** A clock that runs a task the next time it is read: lands a refresh between two reads of one call. */
  private static final class HookedClock implements Clock {
    private final ManualClock clock;
    private Runnable onNextRead;

    HookedClock(ManualClock clock) {
      this.clock = clock;
    }

    void onNextRead(Runnable task) {
      onNextRead = task;
    }

    @Override
    public long millis() {
      Runnable task = onNextRead;
      onNextRead = null;
      if (task != null) {
        task.run();
      }
      return clock.millis();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
      return clock.schedule(delay, task);
    }
  }
}
