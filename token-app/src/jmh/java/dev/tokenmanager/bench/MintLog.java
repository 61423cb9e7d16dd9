package dev.tokenmanager.bench;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts mint attempts, and tells whether one is in flight, for any of the three approaches. */
final class MintLog {

  private final AtomicInteger attempts = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();

  void started() {
    attempts.incrementAndGet();
    inFlight.incrementAndGet();
  }

  void finished() {
    inFlight.decrementAndGet();
  }

  /** Returns whether a mint is under way now (a volatile read). */
  boolean inFlight() {
    return inFlight.get() > 0;
  }

  /** Returns how many mints were attempted. */
  int mints() {
    return attempts.get();
  }
}
