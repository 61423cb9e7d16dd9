package dev.tokenmanager.redis;

import static dev.tokenmanager.core.testing.TokenBuilder.aKey;
import static dev.tokenmanager.core.testing.TokenBuilder.aToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tokenmanager.core.error.StoreUnavailableException;
import dev.tokenmanager.core.event.TokenEventListener;
import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.model.FailureKind;
import dev.tokenmanager.core.model.MintBackoff;
import dev.tokenmanager.core.model.Secret;
import dev.tokenmanager.core.model.TokenKey;
import dev.tokenmanager.core.testing.ManualClock;
import dev.tokenmanager.redis.testing.RedisServerProcess;
import dev.tokenmanager.redis.testing.TestRedis;
import io.lettuce.core.protocol.CommandType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Passwords and ACL users, and that no password ever reaches a message. */
class RedisAuthIT {

  private static final String PASSWORD = "p:a@ss";

  private static RedisServerProcess server;

  private final ManualClock clock = ManualClock.create();
  private final TokenKey key = aKey();

  @BeforeAll
  static void startProtectedRedis() {
    server = TestRedis.startServer("--requirepass", PASSWORD);
    try (RawRedis admin = RawRedis.connect(server.uri(), PASSWORD)) {
      admin.status(CommandType.ACL, List.of("SETUSER", "tm", "on", ">pw", "~tm:*", "+get", "+set", "+del", "+eval",
          "+evalsha", "+ping", "+hello", "+pttl"));
    }
  }

  @AfterAll
  static void stopRedis() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void store_separatePasswordWithUriSpecialCharacters_works() {
    RedisStoreConfig config = RedisStoreConfig.of(server.uri()).withCredentials(null, Secret.of(PASSWORD));

    try (RedisTokenStore store = RedisTokenStore.create(config, clock, TokenEventListener.noop())) {
      StoreAwait.awaitWorking(store);
      AccessToken token = aToken().build();
      assertThat(store.saveIfNewer(key, token)).isEqualTo(token);
      assertThat(store.load(key)).contains(token);
      assertThat(store.toString()).doesNotContain(PASSWORD);
    }
  }

  @Test
  void store_wrongSeparatePassword_failsWithoutShowingEitherPassword() {
    String wrong = "wr0ng:p@ss";
    RedisStoreConfig config = RedisStoreConfig.of(server.uri()).withCredentials(null, Secret.of(wrong));

    try (RedisTokenStore store = RedisTokenStore.create(config, clock, TokenEventListener.noop())) {
      StoreUnavailableException failure = awaitConnectFailure(store);

      assertThat(failure.getMessage()).contains("last attempt failed");
      assertNoSecretInChain(failure, wrong, PASSWORD);
    }
  }

  @Test
  void store_wrongPasswordInTheUri_failsWithoutShowingIt() {
    String uri = "redis://:wr0ng%40pass@127.0.0.1:" + server.port();

    try (RedisTokenStore store = RedisTokenStore.create(RedisStoreConfig.of(uri), clock, TokenEventListener.noop())) {
      StoreUnavailableException failure = awaitConnectFailure(store);

      assertNoSecretInChain(failure, "wr0ng%40pass", "wr0ng@pass", PASSWORD);
      assertThat(store.describe()).isEqualTo("redis://:****@127.0.0.1:" + server.port());
    }
  }

  @Test
  void logs_failedConnectsWithWrongPasswords_neverContainAPassword() {
    String wrong = "wr0ng:p@ss";
    String wrongInUri = "wr0ng%40uri";
    try (LogCapture logs = LogCapture.start()) {
      try (RedisTokenStore separate = RedisTokenStore.create(
              RedisStoreConfig.of(server.uri()).withCredentials("tm", Secret.of(wrong)), clock, TokenEventListener.noop());
          RedisTokenStore inUri = RedisTokenStore.create(
              RedisStoreConfig.of("redis://tm:" + wrongInUri + "@127.0.0.1:" + server.port()), clock,
              TokenEventListener.noop())) {
        awaitConnectFailure(separate);
        awaitConnectFailure(inUri);
      }

      assertThat(logs.lines()).anyMatch(line -> line.contains("Cannot connect to Redis"));
      logs.assertNoneContains(wrong, wrongInUri, "wr0ng@uri", PASSWORD);
    }
  }

  @Test
  void describeAndToString_passwordInTheUri_neverShowIt() {
    RedisStoreConfig config = RedisStoreConfig.of("redis://tm:s3cr3t@127.0.0.1:" + server.port() + "/0");

    try (RedisTokenStore store = RedisTokenStore.create(config, clock, TokenEventListener.noop())) {
      assertThat(store.describe()).isEqualTo("redis://tm:****@127.0.0.1:" + server.port() + "/0");
      assertThat(store.toString()).doesNotContain("s3cr3t");
      assertThat(config.toString()).doesNotContain("s3cr3t");
    }
  }

  @Test
  void store_aclUserFromTheUri_canDoEveryOperation() {
    RedisStoreConfig config = RedisStoreConfig.of("redis://tm:pw@127.0.0.1:" + server.port()).withKeyPrefix("tm:acl:");

    try (RedisTokenStore store = RedisTokenStore.create(config, clock, TokenEventListener.noop())) {
      StoreAwait.awaitWorking(store);
      AccessToken older = aToken().lifetime(Duration.ofMinutes(30)).build();
      AccessToken newer = aToken().lifetime(Duration.ofMinutes(60)).build();
      MintBackoff backoff = new MintBackoff(1, FailureKind.RATE_LIMITED, "429", clock.now().plusSeconds(2));

      assertThat(store.saveIfNewer(key, newer)).isEqualTo(newer);
      assertThat(store.saveIfNewer(key, older)).isEqualTo(newer);
      assertThat(store.load(key)).contains(newer);
      assertThat(store.evictIfSame(key, older)).isFalse();
      assertThat(store.evictIfSame(key, newer)).isTrue();
      assertThat(store.tryAcquireLease(key, "owner-a", Duration.ofSeconds(30))).isTrue();
      assertThat(store.tryAcquireLease(key, "owner-b", Duration.ofSeconds(30))).isFalse();
      assertThat(store.releaseLease(key, "owner-a")).isTrue();
      store.saveBackoff(key, backoff, Duration.ofSeconds(30));
      assertThat(store.loadBackoff(key)).contains(backoff);
      store.clearBackoff(key);
      assertThat(store.loadBackoff(key)).isEmpty();
    }
  }

  @Test
  void store_aclUserOutsideItsKeyPattern_failsAsUnavailable() {
    RedisStoreConfig config = RedisStoreConfig.of("redis://tm:pw@127.0.0.1:" + server.port()).withKeyPrefix("other:");

    try (RedisTokenStore store = RedisTokenStore.create(config, clock, TokenEventListener.noop())) {
      await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
        store.describe();
        return isNoPermission(store);
      });
    }
  }

  private boolean isNoPermission(RedisTokenStore store) {
    try {
      store.load(key);
      return false;
    } catch (StoreUnavailableException e) {
      return e.getMessage().contains("NOPERM");
    }
  }

  /** Waits until the background connect has failed at least once, and returns the failure an operation reports. */
  private StoreUnavailableException awaitConnectFailure(RedisTokenStore store) {
    AtomicReference<StoreUnavailableException> seen = new AtomicReference<>();
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
      try {
        store.load(key);
        return false;
      } catch (StoreUnavailableException e) {
        seen.set(e);
        return e.getCause() != null;
      }
    });
    assertThatThrownBy(() -> store.load(key)).isInstanceOf(StoreUnavailableException.class);
    return seen.get();
  }

  private static void assertNoSecretInChain(Throwable failure, String... secrets) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      for (String secret : secrets) {
        assertThat(String.valueOf(t.getMessage())).as(t.getClass().getSimpleName()).doesNotContain(secret);
        assertThat(t.toString()).doesNotContain(secret);
      }
    }
  }
}
