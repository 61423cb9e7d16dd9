package dev.tokenmanager.core;

import dev.tokenmanager.core.port.TokenStore;
import dev.tokenmanager.core.testing.InMemoryTokenStore;
import dev.tokenmanager.core.testing.ManualClock;
import dev.tokenmanager.core.testing.TokenStoreContract;

/** The core's own test store passes the contract it is held to. */
class InMemoryTokenStoreTest extends TokenStoreContract {

  @Override
  protected TokenStore createStore(ManualClock clock) {
    return new InMemoryTokenStore(clock);
  }
}
