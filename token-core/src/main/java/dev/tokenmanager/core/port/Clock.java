package dev.tokenmanager.core.port;

import java.time.Duration;
import java.time.Instant;

/**
 * The only source of time for the token manager and its adapters, and the only way they wait.
 *
 * <p>Every expiry decision reads {@link #millis()}; every delay (the background refresh, backoff,
 * polling for another process's token) goes through {@link #schedule(Duration, Runnable)}. Tests and
 * simulations drive a manual clock and nothing sleeps; production uses {@link #system()}.
 */
public interface Clock {

  /**
   * Returns the current time in epoch milliseconds. Called on the hot path: must not allocate, lock
   * or block.
   *
   * @return milliseconds since the epoch
   */
  long millis();

  /**
   * Returns the current time as an instant.
   *
   * @return now
   */
  default Instant now() {
    return Instant.ofEpochMilli(millis());
  }

  /**
   * Runs a task once after a delay measured on this clock. The task must be short and must not
   * block: it should hand real work to an executor.
   *
   * @param delay how long to wait; zero or negative runs it as soon as possible
   * @param task the task
   * @return a handle that cancels the task if it has not run yet
   */
  Cancellable schedule(Duration delay, Runnable task);

  /**
   * Returns a clock on the system's wall time, with its own timer thread (a daemon that exits when
   * no task is pending).
   *
   * @return a new system clock
   */
  static Clock system() {
    return new SystemClock();
  }

  /** A handle on a scheduled task. */
  @FunctionalInterface
  interface Cancellable {
    /** Cancels the task if it has not run yet; does nothing otherwise. */
    void cancel();
  }
}
