package dev.tokenmanager.core.testing;

import dev.tokenmanager.core.port.Clock;
import dev.tokenmanager.core.port.VirtualClock;
import java.time.Duration;
import java.time.Instant;

/**
 * The tests' clock: moves only when a test advances it, running scheduled tasks on the way, so
 * nothing sleeps. A {@link VirtualClock} under the name tests know it by.
 */
public final class ManualClock implements Clock {

  private final VirtualClock clock;

  private ManualClock(VirtualClock clock) {
    this.clock = clock;
  }

  /**
   * Creates a clock set to an instant.
   *
   * @param start the starting time
   * @return the clock
   */
  public static ManualClock at(Instant start) {
    return new ManualClock(VirtualClock.at(start));
  }

  /**
   * Creates a clock set to 2026-01-01T00:00:00Z.
   *
   * @return the clock
   */
  public static ManualClock create() {
    return new ManualClock(VirtualClock.create());
  }

  @Override
  public long millis() {
    return clock.millis();
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    return clock.schedule(delay, task);
  }

  /**
   * Moves the clock forward, running every task that falls due on the way, in order.
   *
   * @param duration how far to move; not negative
   */
  public void advance(Duration duration) {
    clock.advance(duration);
  }

  /** Runs the tasks that are already due, without moving the clock. */
  public void runDueTasks() {
    clock.runDueTasks();
  }

  /** Returns when the earliest pending task falls due, or null. */
  public Instant nextDue() {
    return clock.nextDue();
  }

  /** Returns how many tasks wait to fall due. */
  public int pendingTasks() {
    return clock.pendingTasks();
  }

  @Override
  public String toString() {
    return "ManualClock[" + now() + "]";
  }
}
