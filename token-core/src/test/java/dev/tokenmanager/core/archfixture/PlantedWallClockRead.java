package dev.tokenmanager.core.archfixture;

import java.time.Instant;
import java.util.function.Supplier;

/** A deliberate violation: reads the wall clock, once directly and once through a method reference. */
public final class PlantedWallClockRead {

  /** Reads the wall clock directly. */
  public Instant direct() {
    return Instant.now();
  }

  /** Reads the wall clock through a method reference. */
  public Supplier<Instant> reference() {
    return Instant::now;
  }
}
