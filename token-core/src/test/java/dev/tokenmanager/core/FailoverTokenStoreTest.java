package dev.tokenmanager.core;

import static dev.tokenmanager.core.testing.TokenBuilder.aKey;
import static dev.tokenmanager.core.testing.TokenBuilder.aToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmanager.core.error.StoreUnavailableException;
import dev.tokenmanager.core.event.TokenEvent;
import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.model.FailureKind;
import dev.tokenmanager.core.model.MintBackoff;
import dev.tokenmanager.core.model.TokenKey;
import dev.tokenmanager.core.port.TokenStore;
import dev.tokenmanager.core.testing.InMemoryTokenStore;
import dev.tokenmanager.core.testing.ManualClock;
import dev.tokenmanager.core.testing.ScriptedTokenSource;
import dev.tokenmanager.core.testing.TokenStoreContract;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FailoverTokenStoreTest {

  private static final Duration RETRY_AFTER = Duration.ofSeconds(2);

  private final ManualClock clock = ManualClock.create();
  private final InMemoryTokenStore a = new InMemoryTokenStore(clock);
  private final InMemoryTokenStore b = new InMemoryTokenStore(clock);
  private final InMemoryTokenStore c = new InMemoryTokenStore(clock);
  private final List<TokenEvent> events = new CopyOnWriteArrayList<>();
  private final FailoverTokenStore store = FailoverTokenStore.of(clock, RETRY_AFTER, events::add, List.of(a, b, c));
  private final TokenKey key = aKey();

  /** The store contract over two healthy stores. */
  @Nested
  class OverHealthyStores extends TokenStoreContract {
    @Override
    protected TokenStore createStore(ManualClock contractClock) {
      return FailoverTokenStore.of(contractClock, RETRY_AFTER, new InMemoryTokenStore(contractClock),
          new InMemoryTokenStore(contractClock));
    }
  }

  /** The store contract when the first store is dead from the start. */
  @Nested
  class WithTheFirstStoreDead extends TokenStoreContract {
    @Override
    protected TokenStore createStore(ManualClock contractClock) {
      InMemoryTokenStore dead = new InMemoryTokenStore(contractClock);
      dead.unreachable(true);
      return FailoverTokenStore.of(contractClock, Duration.ofHours(1), dead, new InMemoryTokenStore(contractClock));
    }
  }

  @Test
  void load_firstStoreDead_costsOneFailedCallThenIsSkipped() {
    AccessToken token = aToken().build();
    b.saveIfNewer(key, token);
    a.unreachable(true);

    for (int i = 0; i < 10; i++) {
      assertThat(store.load(key)).contains(token);
    }

    assertThat(a.operations()).isEqualTo(1);
    assertThat(b.operations()).isEqualTo(11);
    assertThat(c.operations()).isZero();
  }

  @Test
  void firstStoreStillDeadAfterRetryAfter_isProbedOnceThenSkippedAgain() {
    a.unreachable(true);
    store.load(key);

    clock.advance(RETRY_AFTER);
    store.load(key);
    store.load(key);
    clock.advance(RETRY_AFTER.minusMillis(1));
    store.load(key);

    assertThat(a.operations()).isEqualTo(2);
  }

  @Test
  void firstStoreRecovered_isUsedAgainAfterRetryAfter_andReported() {
    a.unreachable(true);
    store.load(key);
    a.unreachable(false);
    AccessToken onA = aToken().build();
    a.saveIfNewer(key, onA);
    int before = a.operations();

    assertThat(store.load(key)).as("still skipped").isEmpty();
    clock.advance(RETRY_AFTER);

    assertThat(store.load(key)).contains(onA);
    assertThat(store.load(key)).contains(onA);
    assertThat(a.operations() - before).isEqualTo(2);
    assertThat(events).hasSize(2);
    assertThat(events.get(0)).isInstanceOfSatisfying(TokenEvent.StoreDegraded.class, degraded -> {
      assertThat(degraded.key()).isNull();
      assertThat(degraded.message()).startsWith("failover: store #1 (in-memory test store) failed, skipping it for PT2S");
    });
    assertThat(events.get(1)).isInstanceOfSatisfying(TokenEvent.StoreRecovered.class,
        recovered -> assertThat(recovered.downFor()).isEqualTo(RETRY_AFTER));
  }

  @Test
  void aProbeInFlight_otherCallersSkipTheStoreMeanwhile() throws Exception {
    CountDownLatch probing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    boolean[] hold = {false};
    TokenStore slow = wrapping(a, "load", args -> {
      if (hold[0]) {
        probing.countDown();
        await(release);
      }
      return a.load((TokenKey) args[0]);
    });
    FailoverTokenStore failover = FailoverTokenStore.of(clock, RETRY_AFTER, slow, b);
    a.unreachable(true);
    failover.load(key);
    a.unreachable(false);
    clock.advance(RETRY_AFTER);
    hold[0] = true;

    CompletableFuture<Optional<AccessToken>> probe = CompletableFuture.supplyAsync(() -> failover.load(key));
    assertThat(probing.await(5, TimeUnit.SECONDS)).isTrue();
    int bBefore = b.operations();
    failover.load(key);
    failover.load(key);
    release.countDown();
    probe.get(5, TimeUnit.SECONDS);

    assertThat(b.operations() - bBefore).as("served by the second store during the probe").isEqualTo(2);
    assertThat(a.operations()).as("the failure and the one probe").isEqualTo(2);
  }

  @Test
  void saveIfNewer_allHealthy_reachesEveryStore() {
    AccessToken token = aToken().build();

    assertThat(store.saveIfNewer(key, token)).isEqualTo(token);

    assertThat(List.of(a, b, c)).allSatisfy(s -> assertThat(s.load(key)).contains(token));
  }

  @Test
  void saveIfNewer_primaryHoldsANewerToken_laterStoresGetThePrimarysWinner() {
    AccessToken newer = aToken().lifetime(Duration.ofMinutes(60)).build();
    a.saveIfNewer(key, newer);

    assertThat(store.saveIfNewer(key, aToken().lifetime(Duration.ofMinutes(30)).build())).isEqualTo(newer);

    assertThat(b.load(key)).contains(newer);
    assertThat(c.load(key)).contains(newer);
  }

  @Test
  void saveIfNewer_aLaterStoreHoldsANewerToken_itKeepsItAndThePrimarysWinnerIsReturned() {
    AccessToken newest = aToken().lifetime(Duration.ofMinutes(60)).build();
    b.saveIfNewer(key, newest);
    AccessToken token = aToken().lifetime(Duration.ofMinutes(30)).build();

    assertThat(store.saveIfNewer(key, token)).isEqualTo(token);

    assertThat(a.load(key)).contains(token);
    assertThat(b.load(key)).as("fenced on every store").contains(newest);
    assertThat(c.load(key)).contains(token);
  }

  @Test
  void saveIfNewer_firstStoreDead_theSecondAnswersAndTheThirdFollows() {
    a.unreachable(true);
    AccessToken token = aToken().build();

    assertThat(store.saveIfNewer(key, token)).isEqualTo(token);

    assertThat(b.load(key)).contains(token);
    assertThat(c.load(key)).contains(token);
  }

  @Test
  void saveIfNewer_aLaterStoreDies_theWriteSucceedsAndThatStoreIsSkippedAfterwards() {
    b.unreachable(true);
    AccessToken token = aToken().build();

    assertThat(store.saveIfNewer(key, token)).isEqualTo(token);
    store.saveIfNewer(key, aToken().build());

    assertThat(b.operations()).isEqualTo(1);
    assertThat(c.load(key)).contains(token);
  }

  @Test
  void evictIfSame_reachesEveryStore_andReturnsThePrimarysAnswer() {
    AccessToken token = aToken().build();
    store.saveIfNewer(key, token);
    c.evictIfSame(key, token);

    assertThat(store.evictIfSame(key, token)).isTrue();

    assertThat(List.of(a, b, c)).allSatisfy(s -> assertThat(s.load(key)).isEmpty());
  }

  @Test
  void backoff_savedAndCleared_onEveryStore_readFromTheFirst() {
    MintBackoff backoff = new MintBackoff(2, FailureKind.UPSTREAM_UNAVAILABLE, "HTTP 503", clock.now().plusSeconds(4));

    store.saveBackoff(key, backoff, Duration.ofMinutes(1));
    assertThat(List.of(a, b, c)).allSatisfy(s -> assertThat(s.loadBackoff(key)).contains(backoff));
    int bReads = b.operations();
    assertThat(store.loadBackoff(key)).contains(backoff);
    assertThat(b.operations()).isEqualTo(bReads);

    store.clearBackoff(key);
    assertThat(List.of(a, b, c)).allSatisfy(s -> assertThat(s.loadBackoff(key)).isEmpty());
  }

  @Test
  void tryAcquireLease_onlyTheFirstHealthyStoreDecides() {
    assertThat(store.tryAcquireLease(key, "owner-a", Duration.ofSeconds(30))).isTrue();

    assertThat(a.leaseHeld(key)).isTrue();
    assertThat(b.leaseHeld(key)).isFalse();
    assertThat(c.leaseHeld(key)).isFalse();
  }

  @Test
  void releaseLease_afterThePrimaryRecovered_goesBackToTheStoreThatGrantedIt() {
    a.unreachable(true);
    assertThat(store.tryAcquireLease(key, "owner-a", Duration.ofSeconds(30))).isTrue();
    assertThat(b.leaseHeld(key)).isTrue();
    a.unreachable(false);
    clock.advance(RETRY_AFTER);
    store.load(key);

    assertThat(store.releaseLease(key, "owner-a")).isTrue();

    assertThat(b.leaseHeld(key)).isFalse();
  }

  @Test
  void releaseLease_grantingStoreDiedSince_returnsFalseAndTheLeaseLapsesByItself() {
    assertThat(store.tryAcquireLease(key, "owner-a", Duration.ofSeconds(30))).isTrue();
    a.unreachable(true);
    store.load(key);
    int attempts = a.operations();

    assertThat(store.releaseLease(key, "owner-a")).isFalse();

    assertThat(a.operations()).as("the skipped store is not called").isEqualTo(attempts);
  }

  @Test
  void everyStoreDead_throwsStoreUnavailable_thenFailsWithoutCallingThemUntilRetryAfter() {
    a.unreachable(true);
    b.unreachable(true);
    c.unreachable(true);

    assertThatThrownBy(() -> store.load(key)).isInstanceOf(StoreUnavailableException.class)
        .hasMessageStartingWith("failover: no store answered load (3 stores: 3 failed now, 0 skipped")
        .hasCauseInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(() -> store.saveIfNewer(key, aToken().build())).isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("0 failed now, 3 skipped");

    assertThat(a.operations() + b.operations() + c.operations()).isEqualTo(3);
    assertThat(store.describe()).isEqualTo(
        "failover[in-memory test store (failing), in-memory test store (failing), in-memory test store (failing)]");
  }

  @Test
  void aStoreThrowingAnotherError_isNotSkipped_andTheErrorReachesTheCaller() {
    TokenStore broken = wrapping(a, "load", args -> {
      throw new IllegalStateException("a bug, not an outage");
    });
    FailoverTokenStore failover = FailoverTokenStore.of(clock, RETRY_AFTER, broken, b);

    assertThatThrownBy(() -> failover.load(key)).isInstanceOf(IllegalStateException.class);
    failover.saveIfNewer(key, aToken().build());

    assertThat(a.load(key)).as("the first store is still written").isPresent();
  }

  @Test
  void aProbeThrowingAnotherError_leavesTheStoreInUse_notStuckHalfOpen() {
    boolean[] buggy = {false};
    TokenStore sometimesBuggy = wrapping(a, "load", args -> {
      if (buggy[0]) {
        throw new IllegalStateException("a bug, not an outage");
      }
      return a.load((TokenKey) args[0]);
    });
    FailoverTokenStore failover = FailoverTokenStore.of(clock, RETRY_AFTER, sometimesBuggy, b);
    a.unreachable(true);
    failover.load(key);
    a.unreachable(false);
    clock.advance(RETRY_AFTER);

    buggy[0] = true;
    assertThatThrownBy(() -> failover.load(key)).isInstanceOf(IllegalStateException.class);
    buggy[0] = false;
    AccessToken onA = aToken().build();
    a.saveIfNewer(key, onA);

    assertThat(failover.load(key)).contains(onA);
  }

  @Test
  void tokenManager_firstStoreDies_neverDegrades_andRotatesThroughTheSecondStore() {
    ScriptedTokenSource source = new ScriptedTokenSource(clock);
    List<TokenManager> managers = List.of(manager(source), manager(source));
    AccessToken first = managers.get(0).token();
    assertThat(managers.get(1).token()).isEqualTo(first);

    a.unreachable(true);
    clock.advance(Duration.ofMinutes(55));

    AccessToken second = managers.get(0).token();
    assertThat(second).isNotEqualTo(first);
    assertThat(managers.get(1).token()).isEqualTo(second);
    assertThat(source.minted()).isEqualTo(2);
    assertThat(b.load(key)).contains(second);
    assertThat(managers).allSatisfy(m -> assertThat(m.health(key).mode()).isEqualTo(TokenHealth.Mode.SHARED));
    managers.forEach(TokenManager::close);
  }

  private TokenManager manager(ScriptedTokenSource source) {
    return TokenManager.builder(source, store).key(key).clock(clock).executor(Runnable::run).random(() -> 0.5)
        .build();
  }

  @Test
  void of_invalidArguments_sayWhichAndWhy() {
    assertThatThrownBy(() -> FailoverTokenStore.of(clock, Duration.ZERO, a))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("retryAfter must be greater than 0, but was PT0S");
    assertThatThrownBy(() -> FailoverTokenStore.of(clock, RETRY_AFTER))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("stores must hold at least one store, but was []");
    assertThatThrownBy(() -> FailoverTokenStore.of(clock, RETRY_AFTER, a, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("stores[1] must not be null");
    assertThatThrownBy(() -> FailoverTokenStore.of(clock, RETRY_AFTER, a, b, a))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stores[2] is the same store as stores[0]: in-memory test store");
  }

  @Test
  void close_closesEveryStore() {
    List<String> closed = new CopyOnWriteArrayList<>();
    FailoverTokenStore.of(clock, RETRY_AFTER, wrapping(a, "close", args -> closed.add("a")),
        wrapping(b, "close", args -> closed.add("b"))).close();

    assertThat(closed).containsExactly("a", "b");
  }

  /** Returns a store that runs {@code replacement} for one operation and passes the others on. */
  private static TokenStore wrapping(TokenStore target, String operation, Function<Object[], Object> replacement) {
    return (TokenStore) Proxy.newProxyInstance(TokenStore.class.getClassLoader(), new Class<?>[] {TokenStore.class},
        (proxy, method, args) -> {
          if (method.getName().equals(operation)) {
            return replacement.apply(args);
          }
          try {
            return method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
