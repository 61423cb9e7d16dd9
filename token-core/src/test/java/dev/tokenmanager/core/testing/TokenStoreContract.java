package dev.tokenmanager.core.testing;

import static dev.tokenmanager.core.testing.TokenBuilder.aKey;
import static dev.tokenmanager.core.testing.TokenBuilder.aToken;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.model.FailureKind;
import dev.tokenmanager.core.model.MintBackoff;
import dev.tokenmanager.core.model.TokenKey;
import dev.tokenmanager.core.port.TokenStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link TokenStore} must show. A store's test extends this class and creates
 * the store on the given manual clock; the store must judge expiry by that clock. Store-side time to
 * live may run on real time (Redis), so expiry of leases and backoff records is checked by {@link
 * #awaitTrue}, which a subclass may make wait for real time to pass.
 */
public abstract class TokenStoreContract {

  /** The clock the store under test runs on, starting at the builders' default issue time. */
  protected ManualClock clock;
  /** The store under test. */
  protected TokenStore store;

  /**
   * Creates the store under test, empty, on the given clock.
   *
   * @param clock the clock the store must use for expiry decisions
   * @return the store
   */
  protected abstract TokenStore createStore(ManualClock clock);

  /**
   * Waits until a condition holds, for stores whose time to live runs on real time; the default
   * checks once.
   *
   * @param condition the condition
   * @return whether it became true
   */
  protected boolean awaitTrue(Callable<Boolean> condition) throws Exception {
    return condition.call();
  }

  @BeforeEach
  void createTheStore() {
    clock = ManualClock.at(Instant.parse("2026-01-01T00:00:00Z"));
    store = createStore(clock);
  }

  @AfterEach
  void closeTheStore() {
    store.close();
  }

  @Test
  void load_nothingStored_returnsEmpty() {
    assertThat(store.load(aKey())).isEmpty();
  }

  @Test
  void saveIfNewer_nothingStored_storesTheTokenWithEveryAttribute() {
    AccessToken token = aToken().value("eyJ.a-b_c.123").type("bearer").scopes("user:read:admin", "meeting:read")
        .apiUrl("https://eu01api.zoom.us").lifetime(Duration.ofSeconds(3599)).build();

    AccessToken stored = store.saveIfNewer(aKey(), token);

    assertThat(stored).isEqualTo(token);
    AccessToken loaded = store.load(aKey()).orElseThrow();
    assertThat(loaded.value()).isEqualTo(token.value());
    assertThat(loaded.tokenType()).isEqualTo("bearer");
    assertThat(loaded.scopes()).containsExactlyInAnyOrder("user:read:admin", "meeting:read");
    assertThat(loaded.apiUrl()).isEqualTo("https://eu01api.zoom.us");
    assertThat(loaded.issuedAt()).isEqualTo(token.issuedAt());
    assertThat(loaded.expiresAt()).isEqualTo(token.expiresAt());
  }

  @Test
  void saveIfNewer_longTokenWithoutScopes_roundTrips() {
    AccessToken token = aToken().value("x".repeat(4000)).scopes().build();

    store.saveIfNewer(aKey(), token);

    AccessToken loaded = store.load(aKey()).orElseThrow();
    assertThat(loaded.value()).hasSize(4000);
    assertThat(loaded.scopes()).isEmpty();
  }

  @Test
  void saveIfNewer_olderThanStored_keepsTheNewerAndReturnsIt() {
    AccessToken newer = aToken().lifetime(Duration.ofMinutes(60)).build();
    AccessToken older = aToken().lifetime(Duration.ofMinutes(30)).build();
    store.saveIfNewer(aKey(), newer);

    AccessToken result = store.saveIfNewer(aKey(), older);

    assertThat(result).isEqualTo(newer);
    assertThat(store.load(aKey())).contains(newer);
  }

  @Test
  void saveIfNewer_newerThanStored_replacesIt() {
    AccessToken older = aToken().lifetime(Duration.ofMinutes(30)).build();
    AccessToken newer = aToken().lifetime(Duration.ofMinutes(60)).build();
    store.saveIfNewer(aKey(), older);

    AccessToken result = store.saveIfNewer(aKey(), newer);

    assertThat(result).isEqualTo(newer);
    assertThat(store.load(aKey())).contains(newer);
  }

  @Test
  void saveIfNewer_sameExpiry_keepsTheFirst() {
    AccessToken first = aToken().build();
    AccessToken second = aToken().build();
    store.saveIfNewer(aKey(), first);

    assertThat(store.saveIfNewer(aKey(), second)).isEqualTo(first);
    assertThat(store.load(aKey())).contains(first);
  }

  @Test
  void saveIfNewer_alreadyExpired_writesNothing() {
    AccessToken expired = aToken().issuedAt(clock.now().minus(Duration.ofHours(2))).build();

    store.saveIfNewer(aKey(), expired);

    assertThat(store.load(aKey())).isEmpty();
  }

  @Test
  void load_afterTheTokenExpired_returnsEmpty() {
    store.saveIfNewer(aKey(), aToken().lifetime(Duration.ofMinutes(10)).build());

    clock.advance(Duration.ofMinutes(10).plusMillis(1));

    assertThat(store.load(aKey())).isEmpty();
  }

  @Test
  void saveIfNewer_overAnExpiredToken_replacesIt() {
    store.saveIfNewer(aKey(), aToken().lifetime(Duration.ofMinutes(10)).build());
    clock.advance(Duration.ofMinutes(11));
    AccessToken next = aToken().issuedAt(clock.now()).lifetime(Duration.ofMinutes(5)).build();

    assertThat(store.saveIfNewer(aKey(), next)).isEqualTo(next);
    assertThat(store.load(aKey())).contains(next);
  }

  @Test
  void keys_differingInAnyComponent_doNotShareTokens() {
    TokenKey base = TokenKey.of("zoom.us", "acct", "client");
    List<TokenKey> others = List.of(base.withSlot(1), TokenKey.of("zoomgov.com", "acct", "client"),
        TokenKey.of("zoom.us", "acct2", "client"), TokenKey.of("zoom.us", "acct", "client2"));
    AccessToken token = aToken().build();

    store.saveIfNewer(base, token);

    assertThat(store.load(base)).contains(token);
    for (TokenKey other : others) {
      assertThat(store.load(other)).as(other.toString()).isEmpty();
    }
  }

  @Test
  void evictIfSame_stillTheStoredToken_removesIt() {
    AccessToken token = aToken().build();
    store.saveIfNewer(aKey(), token);

    assertThat(store.evictIfSame(aKey(), token)).isTrue();
    assertThat(store.load(aKey())).isEmpty();
  }

  @Test
  void evictIfSame_aSuccessorIsStored_keepsTheSuccessor() {
    AccessToken t1 = aToken().lifetime(Duration.ofMinutes(50)).build();
    AccessToken t2 = aToken().lifetime(Duration.ofMinutes(60)).build();
    store.saveIfNewer(aKey(), t1);
    store.saveIfNewer(aKey(), t2);

    assertThat(store.evictIfSame(aKey(), t1)).isFalse();
    assertThat(store.load(aKey())).contains(t2);
  }

  @Test
  void evictIfSame_nothingStored_returnsFalse() {
    assertThat(store.evictIfSame(aKey(), aToken().build())).isFalse();
  }

  @Test
  void lease_heldByAnother_isRefusedUntilReleased() {
    assertThat(store.tryAcquireLease(aKey(), "owner-a", Duration.ofSeconds(30))).isTrue();
    assertThat(store.tryAcquireLease(aKey(), "owner-b", Duration.ofSeconds(30))).isFalse();

    assertThat(store.releaseLease(aKey(), "owner-b")).isFalse();
    assertThat(store.tryAcquireLease(aKey(), "owner-b", Duration.ofSeconds(30))).isFalse();

    assertThat(store.releaseLease(aKey(), "owner-a")).isTrue();
    assertThat(store.tryAcquireLease(aKey(), "owner-b", Duration.ofSeconds(30))).isTrue();
  }

  @Test
  void lease_ofAnotherKey_isIndependent() {
    assertThat(store.tryAcquireLease(aKey(), "owner-a", Duration.ofSeconds(30))).isTrue();
    assertThat(store.tryAcquireLease(aKey().withSlot(1), "owner-b", Duration.ofSeconds(30))).isTrue();
  }

  @Test
  void lease_ownerDies_lapsesByItself() throws Exception {
    assertThat(store.tryAcquireLease(aKey(), "owner-a", Duration.ofMillis(200))).isTrue();

    clock.advance(Duration.ofMillis(250));

    assertThat(awaitTrue(() -> store.tryAcquireLease(aKey(), "owner-b", Duration.ofSeconds(30)))).isTrue();
    assertThat(store.releaseLease(aKey(), "owner-a")).isFalse();
  }

  @Test
  void lease_manyContenders_exactlyOneWins() throws Exception {
    int threads = 16;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        String owner = "owner-" + i;
        results.add(pool.submit(() -> {
          start.await();
          return store.tryAcquireLease(aKey(), owner, Duration.ofSeconds(30));
        }));
      }
      start.countDown();
      int winners = 0;
      for (Future<Boolean> result : results) {
        winners += result.get(10, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(winners).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void saveIfNewer_concurrentWriters_theLatestExpiryWins() throws Exception {
    int threads = 16;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<AccessToken>> results = new ArrayList<>();
      AccessToken latest = null;
      for (int i = 0; i < threads; i++) {
        AccessToken token = aToken().lifetime(Duration.ofMinutes(30 + ((i * 7) % threads))).build();
        if (latest == null || token.expiresAt().isAfter(latest.expiresAt())) {
          latest = token;
        }
        results.add(pool.submit(() -> {
          start.await();
          return store.saveIfNewer(aKey(), token);
        }));
      }
      start.countDown();
      for (Future<AccessToken> result : results) {
        result.get(10, TimeUnit.SECONDS);
      }
      assertThat(store.load(aKey())).contains(latest);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void backoff_savedThenLoaded_roundTrips() {
    MintBackoff backoff = new MintBackoff(3, FailureKind.UPSTREAM_UNAVAILABLE, "HTTP 503 from the token endpoint",
        clock.now().plusSeconds(8));

    store.saveBackoff(aKey(), backoff, Duration.ofMinutes(5));

    assertThat(store.loadBackoff(aKey())).contains(backoff);
    assertThat(store.loadBackoff(aKey().withSlot(2))).isEmpty();
  }

  @Test
  void backoff_cleared_isGone() {
    store.saveBackoff(aKey(), new MintBackoff(1, FailureKind.RATE_LIMITED, "", clock.now().plusSeconds(1)),
        Duration.ofMinutes(5));

    store.clearBackoff(aKey());

    assertThat(store.loadBackoff(aKey())).isEmpty();
  }

  @Test
  void backoff_pastItsTimeToLive_isGone() throws Exception {
    store.saveBackoff(aKey(), new MintBackoff(1, FailureKind.MALFORMED_RESPONSE, "empty body", clock.now().plusMillis(100)),
        Duration.ofMillis(200));

    clock.advance(Duration.ofMillis(250));

    assertThat(awaitTrue(() -> store.loadBackoff(aKey()).isEmpty())).isTrue();
  }

  @Test
  void describe_neverIsBlank() {
    assertThat(store.describe()).isNotBlank();
  }
}
