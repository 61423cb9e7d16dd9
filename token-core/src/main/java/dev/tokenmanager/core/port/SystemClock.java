package dev.tokenmanager.core.port;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The wall clock, with a single daemon timer thread that exits when nothing is scheduled. */
final class SystemClock implements Clock {

  private final ScheduledThreadPoolExecutor timer;

  SystemClock() {
    timer = new ScheduledThreadPoolExecutor(1, task -> {
      Thread thread = new Thread(task, "token-manager-timer");
      thread.setDaemon(true);
      return thread;
    });
    timer.setRemoveOnCancelPolicy(true);
    timer.setKeepAliveTime(10, TimeUnit.SECONDS);
    timer.allowCoreThreadTimeOut(true);
  }

  @Override
  public long millis() {
    return System.currentTimeMillis();
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    long nanos = Math.max(0, delay.toNanos());
    ScheduledFuture<?> future = timer.schedule(task, nanos, TimeUnit.NANOSECONDS);
    return () -> future.cancel(false);
  }

  @Override
  public String toString() {
    return "SystemClock";
  }
}
