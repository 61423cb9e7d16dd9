package dev.tokenmanager.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.tokenmanager.core.event.TokenEventListener;

/** Provides the event listener: log lines, then whatever the command wants to observe. */
public final class EventsModule extends AbstractModule {

  private final TokenEventListener extra;

  /**
   * Creates the module.
   *
   * @param extra a listener that sees every event after the log
   */
  public EventsModule(TokenEventListener extra) {
    this.extra = extra;
  }

  @Provides
  @Singleton
  TokenEventListener listener() {
    return new LoggingEventListener().andThen(extra);
  }
}
