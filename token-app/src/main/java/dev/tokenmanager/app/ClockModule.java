package dev.tokenmanager.app;

import com.google.inject.AbstractModule;
import dev.tokenmanager.core.port.Clock;

/** Binds the one {@link Clock} every component reads; tests and simulations pass a manual one. */
public final class ClockModule extends AbstractModule {

  private final Clock clock;

  private ClockModule(Clock clock) {
    this.clock = clock;
  }

  /**
   * Binds the system clock.
   *
   * @return the module
   */
  public static ClockModule system() {
    return new ClockModule(Clock.system());
  }

  /**
   * Binds the given clock.
   *
   * @param clock the clock
   * @return the module
   */
  public static ClockModule of(Clock clock) {
    return new ClockModule(clock);
  }

  @Override
  protected void configure() {
    bind(Clock.class).toInstance(clock);
  }
}
