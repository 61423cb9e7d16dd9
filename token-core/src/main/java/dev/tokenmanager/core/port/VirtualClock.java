package dev.tokenmanager.core.port;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when told to, for simulations and tests: whoever drives it calls {@link
 * #advance(Duration)}, and scheduled tasks run on the advancing thread when their time comes, in
 * order, with the clock set to each task's due time. Nothing sleeps, so hours pass in milliseconds.
 */
public final class VirtualClock implements Clock {

  private final AtomicLong millis;
  private final PriorityQueue<Task> tasks = new PriorityQueue<>();
  private final Object lock = new Object();
  private long sequence;

  private VirtualClock(long startMillis) {
    this.millis = new AtomicLong(startMillis);
  }

  /**
   * Creates a clock set to an instant.
   *
   * @param start the starting time
   * @return the clock
   */
  public static VirtualClock at(Instant start) {
    return new VirtualClock(start.toEpochMilli());
  }

  /**
   * Creates a clock set to 2026-01-01T00:00:00Z.
   *
   * @return the clock
   */
  public static VirtualClock create() {
    return at(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Override
  public long millis() {
    return millis.get();
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    Task t;
    synchronized (lock) {
      t = new Task(millis.get() + Math.max(0, delay.toMillis()), sequence++, task);
      tasks.add(t);
    }
    return () -> {
      synchronized (lock) {
        tasks.remove(t);
      }
    };
  }

  /**
   * Moves the clock forward, running every task that falls due on the way, in order.
   *
   * @param duration how far to move; not negative
   */
  public void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("a virtual clock moves forward only, but was asked to move " + duration);
    }
    long target = millis.get() + duration.toMillis();
    while (true) {
      Task next;
      synchronized (lock) {
        next = tasks.peek();
        if (next == null || next.due > target) {
          break;
        }
        tasks.poll();
        millis.accumulateAndGet(next.due, Math::max);
      }
      next.task.run();
    }
    millis.accumulateAndGet(target, Math::max);
  }

  /** Runs the tasks that are already due, without moving the clock. */
  public void runDueTasks() {
    advance(Duration.ZERO);
  }

  /**
   * Returns when the earliest pending task falls due.
   *
   * @return its due time, or null if nothing is scheduled
   */
  public Instant nextDue() {
    synchronized (lock) {
      Task next = tasks.peek();
      return next == null ? null : Instant.ofEpochMilli(next.due);
    }
  }

  /** Returns how many tasks wait to fall due. */
  public int pendingTasks() {
    synchronized (lock) {
      return tasks.size();
    }
  }

  @Override
  public String toString() {
    return "VirtualClock[" + now() + "]";
  }

  private record Task(long due, long seq, Runnable task) implements Comparable<Task> {
    @Override
    public int compareTo(Task o) {
      return due != o.due ? Long.compare(due, o.due) : Long.compare(seq, o.seq);
    }
  }
}
