package dev.tokenmanager.core.testing;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;

/**
 * An executor that only queues: the test decides when queued work runs ({@link #runAll()}), which
 * shows that a caller did not wait for it.
 */
public final class QueuedExecutor implements Executor {

  private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
  private volatile boolean direct;

  /**
   * Switches between running tasks at once on the submitting thread (true) and queueing them (false,
   * the default).
   *
   * @param runDirectly whether to run tasks at once
   */
  public void direct(boolean runDirectly) {
    this.direct = runDirectly;
  }

  @Override
  public void execute(Runnable command) {
    if (direct) {
      command.run();
    } else {
      queue.add(command);
    }
  }

  /** Returns how many tasks wait. */
  public int pending() {
    return queue.size();
  }

  /**
   * Runs queued tasks, including tasks they queue, until none is left.
   *
   * @return how many ran
   */
  public int runAll() {
    int ran = 0;
    Runnable next;
    while ((next = queue.poll()) != null) {
      next.run();
      ran++;
    }
    return ran;
  }
}
