package dev.tokenmanager.zoom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmanager.core.error.ConfigurationRejectedException;
import dev.tokenmanager.core.model.TokenKey;
import dev.tokenmanager.core.testing.ManualClock;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a source decides before any request goes out; the wire is covered by {@code ZoomTokenSourceIT}. */
class ZoomTokenSourceTest {

  private static final String SECRET = "s3cr3t-Unit-Value";

  // Port 9 (discard) on loopback: nothing here may ever reach it, and a test that did would fail fast.
  private final ZoomConfig config = ZoomConfig.of("http://127.0.0.1:9");
  private final ManualClock clock = ManualClock.create();
  private final ZoomCredentials credentials = ZoomCredentials.of("acc-1", "client-1", SECRET);

  @Test
  void create_noCredentials_isRejected() {
    assertThatThrownBy(() -> ZoomTokenSource.create(config, clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("credentials must name at least one app, but none was given");
  }

  @Test
  void create_twoSecretsForOneKey_isRejectedWithoutShowingThem() {
    ZoomCredentials other = ZoomCredentials.of("acc-1", "client-1", "another-Secret");

    assertThatThrownBy(() -> ZoomTokenSource.create(config, clock, credentials, other))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("credentials must hold one secret per key, but 127.0.0.1:9/acc-1/client-1#0 has two")
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void create_sameCredentialsTwice_isAccepted() {
    ZoomTokenSource.create(config, clock, credentials, credentials).close();
  }

  @Test
  void create_nullLookup_isRejected() {
    assertThatThrownBy(() -> ZoomTokenSource.create(config, clock, (ZoomTokenSource.CredentialsLookup) null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("lookup must not be null");
  }

  @Test
  void create_nullClock_isRejected() {
    assertThatThrownBy(() -> ZoomTokenSource.create(config, null, credentials))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("clock must not be null");
  }

  @Test
  void mint_keyOfAnotherHost_isConfigurationRejectedNamingTheKey() {
    try (ZoomTokenSource source = ZoomTokenSource.create(config, clock, credentials)) {
      TokenKey foreign = ZoomConfig.defaults().keyFor(credentials);

      assertThatThrownBy(() -> source.mint(foreign))
          .isInstanceOf(ConfigurationRejectedException.class)
          .hasMessageContaining("zoom.us/acc-1/client-1#0")
          .hasMessageNotContaining(SECRET);
    }
  }

  @Test
  void mint_lookupFindsNothing_isConfigurationRejectedNamingTheKey() {
    try (ZoomTokenSource source = ZoomTokenSource.create(config, clock, key -> Optional.empty())) {
      assertThatThrownBy(() -> source.mint(config.keyFor(credentials).withSlot(2)))
          .isInstanceOf(ConfigurationRejectedException.class)
          .hasMessage("no Zoom credentials are configured for this key [key 127.0.0.1:9/acc-1/client-1#2]");
    }
  }

  @Test
  void mint_lookupReturnsNull_isConfigurationRejected() {
    try (ZoomTokenSource source = ZoomTokenSource.create(config, clock, key -> null)) {
      assertThatThrownBy(() -> source.mint(config.keyFor(credentials)))
          .isInstanceOf(ConfigurationRejectedException.class);
    }
  }

  @Test
  void mint_lookupReturnsAnotherAppsCredentials_isConfigurationRejected() {
    ZoomCredentials otherApp = ZoomCredentials.of("acc-1", "client-2", SECRET);
    try (ZoomTokenSource source = ZoomTokenSource.create(config, clock, key -> Optional.of(otherApp))) {
      assertThatThrownBy(() -> source.mint(config.keyFor(credentials)))
          .isInstanceOf(ConfigurationRejectedException.class)
          .hasMessageContaining("the credentials found are for another app: 127.0.0.1:9/acc-1/client-2#0")
          .hasMessageNotContaining(SECRET);
    }
  }

  @Test
  void mint_lookup_alwaysSeesSlotZero() {
    TokenKey[] seen = new TokenKey[1];
    try (ZoomTokenSource source = ZoomTokenSource.create(config, clock, key -> {
      seen[0] = key;
      return Optional.empty();
    })) {
      assertThatThrownBy(() -> source.mint(config.keyFor(credentials).withSlot(5)))
          .isInstanceOf(ConfigurationRejectedException.class);
    }
    assertThat(seen[0]).isEqualTo(config.keyFor(credentials));
  }

  @Test
  void mint_afterClose_isIllegalState() {
    ZoomTokenSource source = ZoomTokenSource.create(config, clock, credentials);
    source.close();
    source.close();

    assertThatThrownBy(() -> source.mint(config.keyFor(credentials)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void toString_always_showsNoCredential() {
    try (ZoomTokenSource source = ZoomTokenSource.create(config, clock, credentials)) {
      assertThat(source.toString()).isEqualTo("ZoomTokenSource[127.0.0.1:9]").doesNotContain(SECRET);
    }
  }
}
