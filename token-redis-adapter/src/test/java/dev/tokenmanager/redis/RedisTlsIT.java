package dev.tokenmanager.redis;

import static dev.tokenmanager.core.testing.TokenBuilder.aKey;
import static dev.tokenmanager.core.testing.TokenBuilder.aToken;
import static org.assertj.core.api.Assertions.assertThat;
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
import dev.tokenmanager.redis.testing.TestCertificates;
import dev.tokenmanager.redis.testing.TestRedis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code rediss://} against a real TLS-only {@code redis-server} (password-protected) whose
 * certificates a throw-away CA made for this test signed: the store works when it trusts that CA and
 * the host name matches, and fails as unavailable, without showing the password, when it does not.
 */
class RedisTlsIT {

  private static final String PASSWORD = "tls:p@ss/w0rd";

  @TempDir
  static Path directory;

  private static TestCertificates trusted;
  private static TestCertificates untrusted;
  private static RedisServerProcess server;

  private final ManualClock clock = ManualClock.create();
  private final TokenKey key = aKey();

  @BeforeAll
  static void startTlsRedis() {
    trusted = TestCertificates.generate(directory, "trusted");
    untrusted = TestCertificates.generate(directory, "untrusted");
    server = TestRedis.startTlsServer(trusted, "--requirepass", PASSWORD);
  }

  @AfterAll
  static void stopRedis() {
    if (server != null) {
      server.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "localhost"})
  void store_trustedCaAndMatchingHostName_doesEveryOperationOverTls(String host) {
    RedisStoreConfig config = RedisStoreConfig.of("rediss://" + host + ":" + server.port())
        .withCredentials(null, Secret.of(PASSWORD)).withTrustedCertificates(trusted.caCertificate());

    try (RedisTokenStore store = RedisTokenStore.create(config, clock, TokenEventListener.noop())) {
      StoreAwait.awaitWorking(store);
      AccessToken token = aToken().build();
      MintBackoff backoff = new MintBackoff(2, FailureKind.UPSTREAM_UNAVAILABLE, "503", clock.now().plusSeconds(4));

      assertThat(store.saveIfNewer(key, token)).isEqualTo(token);
      assertThat(store.load(key)).contains(token);
      assertThat(store.tryAcquireLease(key, "owner-a", Duration.ofSeconds(30))).isTrue();
      assertThat(store.releaseLease(key, "owner-a")).isTrue();
      store.saveBackoff(key, backoff, Duration.ofSeconds(30));
      assertThat(store.loadBackoff(key)).contains(backoff);
      store.clearBackoff(key);
      assertThat(store.evictIfSame(key, token)).isTrue();
      assertThat(store.describe()).isEqualTo("rediss://" + host + ":" + server.port());
    }
  }

  @Test
  void store_caNotTrusted_failsAsUnavailableWithoutShowingThePassword() {
    RedisStoreConfig config = RedisStoreConfig.of("rediss://127.0.0.1:" + server.port())
        .withCredentials("default", Secret.of(PASSWORD)).withTrustedCertificates(untrusted.caCertificate());

    try (LogCapture logs = LogCapture.start();
        RedisTokenStore store = RedisTokenStore.create(config, clock, TokenEventListener.noop())) {
      StoreUnavailableException failure = awaitConnectFailure(store, "certification path");

      assertThat(failure).hasMessageContaining("not connected to rediss://127.0.0.1:" + server.port());
      assertNoSecretInChain(failure, PASSWORD);
      assertThat(config.toString()).doesNotContain(PASSWORD);
      logs.assertNoneContains(PASSWORD);
    }
  }

  @Test
  void store_onlyTheJdkTrustStore_rejectsThePrivateCa() {
    RedisStoreConfig config = RedisStoreConfig.of("rediss://127.0.0.1:" + server.port())
        .withCredentials(null, Secret.of(PASSWORD));

    try (RedisTokenStore store = RedisTokenStore.create(config, clock, TokenEventListener.noop())) {
      assertThat(awaitConnectFailure(store, "certification path")).hasMessageContaining("not connected to");
    }
  }

  @Test
  void store_certificateForAnotherHostName_isRejected() {
    Path own = directory.resolve("other-host");
    TestCertificates otherHost = TestCertificates.generate(createDirectory(own), "other-host", "DNS:redis.example");
    try (RedisServerProcess misnamed = TestRedis.startTlsServer(otherHost)) {
      RedisStoreConfig config = RedisStoreConfig.of(misnamed.uri()).withTrustedCertificates(otherHost.caCertificate());

      try (RedisTokenStore store = RedisTokenStore.create(config, clock, TokenEventListener.noop())) {
        assertThat(awaitConnectFailure(store, "No subject alternative names matching IP address 127.0.0.1"))
            .hasMessageContaining("not connected to");
      }
    }
  }

  /**
   * A handshake that fails on reconnect must not switch reconnecting off (Lettuce does that only with
   * {@code suspendReconnectOnProtocolFailure}, which the store leaves off): once the server presents a
   * trusted certificate again, the same store works again.
   */
  @Test
  void store_serverRestartedWithAnUntrustedCertificate_failsUntilATrustedOneIsBack() {
    Path own = createDirectory(directory.resolve("rotation"));
    TestCertificates live = TestCertificates.generate(own, "live");
    live.installServerIdentityOf(trusted);
    try (RedisServerProcess rotating = TestRedis.startTlsServer(live);
        LogCapture logs = LogCapture.start()) {
      RedisStoreConfig config = RedisStoreConfig.of(rotating.uri()).withTrustedCertificates(trusted.caCertificate());
      try (RedisTokenStore store = RedisTokenStore.create(config, clock, TokenEventListener.noop())) {
        StoreAwait.awaitWorking(store);

        live.installServerIdentityOf(untrusted);
        rotating.restart();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
            .until(() -> logs.lines().stream().anyMatch(line -> line.contains("certification path")));
        StoreAwait.timeFailure(() -> store.load(key));

        live.installServerIdentityOf(trusted);
        rotating.restart();
        StoreAwait.awaitWorking(store, Duration.ofSeconds(15));
        AccessToken token = aToken().build();
        assertThat(store.saveIfNewer(key, token)).isEqualTo(token);
      }
    }
  }

  /**
   * Waits until an operation reports a failed connect attempt whose message names the reason (the
   * first attempt in a JVM may time out instead, while it loads the TLS classes), and returns it.
   */
  private StoreUnavailableException awaitConnectFailure(RedisTokenStore store, String reason) {
    AtomicReference<StoreUnavailableException> seen = new AtomicReference<>();
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20)).until(() -> {
      try {
        store.load(key);
        return false;
      } catch (StoreUnavailableException e) {
        seen.set(e);
        return e.getCause() != null && e.getMessage().contains(reason);
      }
    });
    return seen.get();
  }

  private static Path createDirectory(Path path) {
    try {
      return Files.createDirectories(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void assertNoSecretInChain(Throwable failure, String secret) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).as(t.getClass().getSimpleName()).doesNotContain(secret);
      assertThat(t.toString()).doesNotContain(secret);
    }
  }
}
