package dev.tokenmanager.redis;

import static dev.tokenmanager.core.testing.TokenBuilder.aKey;
import static dev.tokenmanager.core.testing.TokenBuilder.aToken;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmanager.core.event.TokenEvent;
import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.model.FailureKind;
import dev.tokenmanager.core.model.MintBackoff;
import dev.tokenmanager.core.model.TokenKey;
import dev.tokenmanager.core.testing.ManualClock;
import dev.tokenmanager.redis.testing.RedisExtension;
import dev.tokenmanager.redis.testing.RedisServerProcess;
import dev.tokenmanager.redis.testing.TestRedis;
import io.lettuce.core.cluster.SlotHash;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the store writes to Redis, and what it does with values it cannot read. */
@ExtendWith(RedisExtension.class)
class RedisStoreValueIT {

  private static final String SECRET = "SECRET-VALUE-42";

  private static TestRedis redis;
  private static RawRedis raw;

  private final ManualClock clock = ManualClock.create();
  private final List<TokenEvent> events = new CopyOnWriteArrayList<>();
  private final TokenKey key = aKey();
  private String prefix;
  private RedisKeys keys;
  private RedisTokenStore store;

  @BeforeAll
  static void connect(TestRedis testRedis) {
    redis = testRedis;
    raw = RawRedis.connect(redis.uri());
  }

  @AfterAll
  static void disconnect() {
    if (raw != null) {
      raw.close();
    }
  }

  @BeforeEach
  void createStore() {
    prefix = "tm:value-it:" + UUID.randomUUID() + ":";
    keys = new RedisKeys(prefix);
    store = RedisTokenStore.create(RedisStoreConfig.of(redis.uri()).withKeyPrefix(prefix), clock, events::add);
    StoreAwait.awaitWorking(store);
  }

  @AfterEach
  void closeStore() {
    store.close();
    raw.deleteAll(prefix);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "garbage " + SECRET,
      "{\"token\":\"" + SECRET + "\",\"expires\":99999999999999}",
      "{\"v\":2,\"access_token\":\"" + SECRET + "\",\"token_type\":\"bearer\",\"scope\":\"\",\"api_url\":\"https://api.zoom.us\","
          + "\"issued_at\":1767225600000,\"expires_at\":99999999999999}",
      "{\"v\":1,\"access_token\":\"" + SECRET + "\",\"token_type\":\"bearer\",\"scope\":\"\",\"api_url\":\"https://api.zoom.us\","
          + "\"issued_at\":\"1767225600000\",\"expires_at\":99999999999999}",
  })
  void load_unreadableTokenValue_reportsItAndReturnsEmpty(String foreign) {
    raw.commands().set(keys.token(key), foreign);

    assertThat(store.load(key)).isEmpty();

    assertThat(events).singleElement().isInstanceOfSatisfying(TokenEvent.StoreValueRejected.class, event -> {
      assertThat(event.key()).isEqualTo(key);
      assertThat(event.at()).isEqualTo(clock.now());
      assertThat(event.reason()).startsWith("value at " + keys.token(key) + " rejected: ").doesNotContain(SECRET);
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "garbage " + SECRET,
      "{\"token\":\"" + SECRET + "\",\"expires\":99999999999999}",
      "{\"v\":2,\"access_token\":\"" + SECRET + "\",\"token_type\":\"bearer\",\"scope\":\"\",\"api_url\":\"https://api.zoom.us\","
          + "\"issued_at\":1767225600000,\"expires_at\":99999999999999}",
  })
  void saveIfNewer_overAnUnreadableValue_overwritesIt(String foreign) {
    raw.commands().set(keys.token(key), foreign);
    AccessToken token = aToken().build();

    assertThat(store.saveIfNewer(key, token)).isEqualTo(token);

    assertThat(store.load(key)).contains(token);
    assertThat(events).isEmpty();
  }

  @Test
  void saveIfNewer_valueOnlyLuaCanRead_reportsAndReplacesIt() {
    // cjson accepts 1.5e13 as a number; the strict Java reader does not
    raw.commands().set(keys.token(key), "{\"v\":1,\"access_token\":\"" + SECRET + "\",\"token_type\":\"bearer\","
        + "\"scope\":\"\",\"api_url\":\"\",\"issued_at\":1000,\"expires_at\":1.5e13}");
    AccessToken token = aToken().build();

    assertThat(store.saveIfNewer(key, token)).isEqualTo(token);

    assertThat(store.load(key)).contains(token);
    assertThat(events).singleElement().isInstanceOfSatisfying(TokenEvent.StoreValueRejected.class,
        event -> assertThat(event.reason()).contains("is not an integer").doesNotContain(SECRET));
  }

  @Test
  void load_keyOfAnotherRedisType_reportsItAndReturnsEmpty() {
    raw.commands().lpush(keys.token(key), SECRET);

    assertThat(store.load(key)).isEmpty();
    assertThat(events).singleElement().isInstanceOfSatisfying(TokenEvent.StoreValueRejected.class,
        event -> assertThat(event.reason()).contains("holds a Redis type other than a string"));

    AccessToken token = aToken().build();
    assertThat(store.saveIfNewer(key, token)).isEqualTo(token);
    assertThat(store.load(key)).contains(token);
    assertThat(store.evictIfSame(key, token)).isTrue();
  }

  @Test
  void loadBackoff_unreadableRecord_reportsItReturnsEmptyAndIsOverwritten() {
    raw.commands().set(keys.backoff(key), "{\"v\":1,\"failures\":\"" + SECRET + "\"}");

    assertThat(store.loadBackoff(key)).isEmpty();
    assertThat(events).singleElement().isInstanceOfSatisfying(TokenEvent.StoreValueRejected.class, event ->
        assertThat(event.reason()).isEqualTo("value at " + keys.backoff(key) + " rejected: field failures is not an integer"));

    MintBackoff backoff = new MintBackoff(2, FailureKind.RATE_LIMITED, "429", clock.now().plusSeconds(30));
    store.saveBackoff(key, backoff, Duration.ofMinutes(1));
    assertThat(store.loadBackoff(key)).contains(backoff);
  }

  @Test
  void saveIfNewer_token_writesTheDocumentedJsonWithItsRemainingLifeAsTtl() {
    AccessToken token = aToken().value("eyJ.a\"b").scopes("user:read:admin", "meeting:read")
        .apiUrl("https://eu01api.zoom.us").lifetime(Duration.ofHours(1)).build();
    clock.advance(Duration.ofMinutes(10));

    store.saveIfNewer(key, token);

    assertThat(raw.commands().get(keys.token(key))).isEqualTo("{\"v\":1,\"access_token\":\"eyJ.a\\\"b\","
        + "\"token_type\":\"bearer\",\"scope\":\"meeting:read user:read:admin\",\"api_url\":\"https://eu01api.zoom.us\","
        + "\"issued_at\":1767225600000,\"expires_at\":1767229200000}");
    long remaining = Duration.ofMinutes(50).toMillis();
    assertThat(raw.commands().pttl(keys.token(key))).isBetween(remaining - 5_000, remaining);
  }

  @Test
  void saveIfNewer_newerToken_replacesTheTtlToo() {
    store.saveIfNewer(key, aToken().lifetime(Duration.ofMinutes(5)).build());

    store.saveIfNewer(key, aToken().lifetime(Duration.ofMinutes(60)).build());

    assertThat(raw.commands().pttl(keys.token(key))).isGreaterThan(Duration.ofMinutes(55).toMillis());
  }

  @Test
  void saveIfNewer_expiredToken_writesNothing() {
    clock.advance(Duration.ofHours(2));

    store.saveIfNewer(key, aToken().build());

    assertThat(raw.commands().exists(keys.token(key))).isZero();
  }

  @Test
  void saveBackoff_record_writesTheDocumentedJsonWithTheTtl() {
    store.saveBackoff(key, new MintBackoff(3, FailureKind.UPSTREAM_UNAVAILABLE, "HTTP 503 from the token endpoint",
        clock.now().plusSeconds(8)), Duration.ofSeconds(90));

    assertThat(raw.commands().get(keys.backoff(key))).isEqualTo("{\"v\":1,\"failures\":3,\"kind\":\"UPSTREAM_UNAVAILABLE\","
        + "\"reason\":\"HTTP 503 from the token endpoint\",\"next_attempt_at\":1767225608000}");
    assertThat(raw.commands().pttl(keys.backoff(key))).isBetween(85_000L, 90_000L);
  }

  @Test
  void keys_ofEveryKind_followTheDocumentedLayout() {
    TokenKey odd = TokenKey.of("zoom.us", "a{b}:c+d", "client-1");
    String base = prefix + "{zoom.us|a%7Bb%7D%3Ac%2Bd|client-1|0}";

    store.saveIfNewer(odd, aToken().build());
    store.tryAcquireLease(odd, "owner-a", Duration.ofSeconds(30));
    store.saveBackoff(odd, new MintBackoff(1, FailureKind.RATE_LIMITED, "", clock.now()), Duration.ofSeconds(30));

    assertThat(raw.commands().keys(prefix + "*"))
        .containsExactlyInAnyOrder(base + ":token", base + ":lease", base + ":backoff");
    assertThat(raw.commands().get(base + ":lease")).isEqualTo("owner-a");
    assertThat(raw.commands().pttl(base + ":lease")).isBetween(25_000L, 30_000L);
  }

  @Test
  void keys_ofOneTokenKey_hashToOneClusterSlot() {
    TokenKey odd = TokenKey.of("zoom.us", "a{b}:c+d", "}{|");
    List<String> names = List.of(keys.token(odd), keys.lease(odd), keys.backoff(odd));
    // CLUSTER KEYSLOT needs cluster support: ask a cluster-enabled server of our own
    try (RedisServerProcess cluster = TestRedis.startServer("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf");
        RawRedis clusterRaw = RawRedis.connect(cluster.uri())) {
      List<Long> slots = names.stream().map(name -> clusterRaw.commands().clusterKeyslot(name)).toList();

      assertThat(slots).containsOnly(slots.get(0));
      assertThat(slots.get(0)).isEqualTo((long) SlotHash.getSlot(names.get(0)));
      String tag = RedisKeys.hashTag(odd);
      assertThat(clusterRaw.commands().clusterKeyslot(tag.substring(1, tag.length() - 1))).isEqualTo(slots.get(0));
    }
  }
}
