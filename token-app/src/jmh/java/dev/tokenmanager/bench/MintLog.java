package dev.tokenmanager.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records when mints start, and whether one is in flight, for any of the three approaches. Groups
 * mints into rotations: mints that start less than {@code gapMillis} after the previous one belong to
 * the same rotation (a burst of one mint per caller, or per process, is one rotation).
 */
final class MintLog {

  private final ConcurrentLinkedQueue<Long> starts = new ConcurrentLinkedQueue<>();
  private final AtomicInteger inFlight = new AtomicInteger();

  void started(long atMillis) {
    starts.add(atMillis);
    inFlight.incrementAndGet();
  }

  void finished() {
    inFlight.decrementAndGet();
  }

  /** Returns whether a mint is under way now (a volatile read). */
  boolean inFlight() {
    return inFlight.get() > 0;
  }

  /** Returns how many mints started. */
  int mints() {
    return starts.size();
  }

  /**
   * Returns the number of mints of each rotation, in order.
   *
   * @param gapMillis the quiet time that separates two rotations
   * @return mints per rotation
   */
  List<Integer> rotations(long gapMillis) {
    List<Long> sorted = new ArrayList<>(starts);
    sorted.sort(null);
    List<Integer> result = new ArrayList<>();
    long previous = Long.MIN_VALUE;
    for (long start : sorted) {
      if (result.isEmpty() || start - previous >= gapMillis) {
        result.add(1);
      } else {
        result.set(result.size() - 1, result.get(result.size() - 1) + 1);
      }
      previous = start;
    }
    return result;
  }
}
