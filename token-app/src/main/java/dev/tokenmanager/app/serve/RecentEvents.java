package dev.tokenmanager.app.serve;

import dev.tokenmanager.core.event.TokenEvent;
import dev.tokenmanager.core.event.TokenEventListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The last events, newest first, for the status page. Holds fingerprints and messages, never tokens. */
final class RecentEvents implements TokenEventListener {

  private final int capacity;
  private final Deque<TokenEvent> events = new ArrayDeque<>();

  RecentEvents(int capacity) {
    this.capacity = capacity;
  }

  @Override
  public synchronized void onEvent(TokenEvent event) {
    if (event instanceof TokenEvent.Adopted || event instanceof TokenEvent.LeaseWaited) {
      return;
    }
    events.addFirst(event);
    while (events.size() > capacity) {
      events.removeLast();
    }
  }

  synchronized List<TokenEvent> newestFirst() {
    return new ArrayList<>(events);
  }
}
