package dev.tokenmanager.redis.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a real event the fixtures cause (a replica in sync, a failover done) by polling, never for a fixed time. */
final class Poll {

  private static final long INTERVAL_MILLIS = 50;

  private Poll() {}

  /**
   * Polls a condition until it holds.
   *
   * @param atMost how long to wait
   * @param what what is awaited, for the failure message
   * @param condition the condition
   * @param state describes the state seen last, for the failure message
   * @throws IllegalStateException if the condition does not hold within {@code atMost}
   */
  static void until(Duration atMost, String what, BooleanSupplier condition, Supplier<String> state) {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("waited " + atMost.toMillis() + " ms for " + what + "; last seen: "
            + state.get());
      }
      try {
        Thread.sleep(INTERVAL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + what, e);
      }
    }
  }
}
