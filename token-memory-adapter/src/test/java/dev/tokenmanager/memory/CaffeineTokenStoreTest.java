package dev.tokenmanager.memory;

import static dev.tokenmanager.core.testing.TokenBuilder.aKey;
import static dev.tokenmanager.core.testing.TokenBuilder.aToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmanager.core.port.TokenStore;
import dev.tokenmanager.core.testing.ManualClock;
import dev.tokenmanager.core.testing.TokenStoreContract;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CaffeineTokenStoreTest extends TokenStoreContract {

  @Override
  protected TokenStore createStore(ManualClock clock) {
    return CaffeineTokenStore.create(clock);
  }

  @Test
  void entries_expireOnTheCoreClock_withoutSleeping() {
    store.saveIfNewer(aKey(), aToken().lifetime(Duration.ofSeconds(100)).build());

    clock.advance(Duration.ofSeconds(101));

    assertThat(store.load(aKey())).isEmpty();
    assertThat(store.toString()).contains("keys=");
  }

  @Test
  void create_zeroKeys_isRejectedWithTheValue() {
    assertThatThrownBy(() -> CaffeineTokenStore.create(clock, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maximumKeys must be at least 1, but was 0");
  }
}
