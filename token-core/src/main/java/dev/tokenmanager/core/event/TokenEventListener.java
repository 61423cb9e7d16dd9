package dev.tokenmanager.core.event;

/**
 * Receives {@link TokenEvent}s. Called on the manager's refresh threads, never on the hot path; must
 * be quick and must not throw (an exception is caught and ignored).
 */
@FunctionalInterface
public interface TokenEventListener {

  /**
   * Handles one event.
   *
   * @param event the event
   */
  void onEvent(TokenEvent event);

  /**
   * Returns a listener that ignores every event.
   *
   * @return the no-op listener
   */
  static TokenEventListener noop() {
    return event -> {};
  }

  /**
   * Returns a listener that passes each event to this one, then to {@code next}; a failure of one
   * does not keep the event from the other.
   *
   * @param next the listener to call second
   * @return the combined listener
   */
  default TokenEventListener andThen(TokenEventListener next) {
    return event -> {
      try {
        onEvent(event);
      } catch (RuntimeException ignored) {
        // a listener must not break another
      }
      next.onEvent(event);
    };
  }
}
