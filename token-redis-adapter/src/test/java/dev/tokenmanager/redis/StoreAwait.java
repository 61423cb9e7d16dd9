package dev.tokenmanager.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tokenmanager.core.error.StoreUnavailableException;
import dev.tokenmanager.core.model.TokenKey;
import dev.tokenmanager.core.port.TokenStore;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Waiting for a store to answer (a real event), and timing how fast it fails. */
final class StoreAwait {

  private static final TokenKey PROBE = TokenKey.of("probe.example", "probe", "probe");

  private StoreAwait() {}

  /** Waits until the store answers a load, failing after {@code atMost}. */
  static void awaitWorking(TokenStore store, Duration atMost) {
    await().atMost(atMost).pollInterval(Duration.ofMillis(20)).ignoreException(StoreUnavailableException.class)
        .until(() -> {
          store.load(PROBE);
          return true;
        });
  }

  static void awaitWorking(TokenStore store) {
    awaitWorking(store, Duration.ofSeconds(10));
  }

  /** Waits until no thread named {@code lettuce-*} is alive, failing after 5 s. */
  static void awaitNoLettuceThreads() {
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
        .untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
            .map(Thread::getName).filter(name -> name.startsWith("lettuce-")).toList()).isEmpty());
  }

  /**
   * Runs an operation that must fail with {@link StoreUnavailableException} and returns how long it
   * took.
   */
  static Duration timeFailure(ThrowingCallable operation) {
    long start = System.nanoTime();
    assertThatThrownBy(operation).isInstanceOf(StoreUnavailableException.class);
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
