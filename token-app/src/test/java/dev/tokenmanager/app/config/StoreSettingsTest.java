package dev.tokenmanager.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreSettingsTest {

  private static String key(int fill) {
    byte[] bytes = new byte[32];
    java.util.Arrays.fill(bytes, (byte) fill);
    return Base64.getEncoder().encodeToString(bytes);
  }

  @Test
  void from_encryptionKey_sealsAndMovesRedisKeysUnderTheirOwnPrefix() {
    StoreSettings settings = StoreSettings.from(Environment.of(Map.of("REDIS_URL", "redis://127.0.0.1:6379",
        "TOKEN_ENCRYPTION_KEY", key(1), "TOKEN_ENCRYPTION_OLD_KEYS", key(2) + ", " + key(3))));

    assertThat(settings.encryption()).hasValueSatisfying(keyring -> assertThat(keyring.keyIds()).hasSize(3));
    assertThat(settings.redis()).hasValueSatisfying(redis -> assertThat(redis.keyPrefix()).isEqualTo("tm:enc:"));
  }

  @Test
  void from_keyOfTheWrongLength_namesTheVariableAndNeverShowsTheKey() {
    String shortKey = Base64.getEncoder().encodeToString(new byte[16]);

    assertThatThrownBy(() -> StoreSettings.from(Environment.of(Map.of("TOKEN_ENCRYPTION_KEY", shortKey))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("TOKEN_ENCRYPTION_KEY")
        .hasMessageContaining("16 bytes")
        .hasMessageNotContaining(shortKey);
  }

  @Test
  void from_badOldKey_namesTheOldKeysVariable() {
    assertThatThrownBy(() -> StoreSettings.from(Environment.of(Map.of("TOKEN_ENCRYPTION_KEY", key(1),
        "TOKEN_ENCRYPTION_OLD_KEYS", "not-base64!!"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("TOKEN_ENCRYPTION_OLD_KEYS")
        .hasMessageNotContaining("not-base64!!");
  }

  @Test
  void from_oldKeysWithoutACurrentKey_isRefused() {
    assertThatThrownBy(() -> StoreSettings.from(Environment.of(Map.of("TOKEN_ENCRYPTION_OLD_KEYS", key(2)))))
        .hasMessage("TOKEN_ENCRYPTION_OLD_KEYS is set without TOKEN_ENCRYPTION_KEY");
  }

  @Test
  void from_failoverWithoutAPrimary_isRefused() {
    assertThatThrownBy(() -> StoreSettings.from(Environment.of(Map.of("REDIS_FAILOVER_URL", "redis://b:6379"))))
        .hasMessage("REDIS_FAILOVER_URL is set without REDIS_URL");
  }

  @Test
  void from_nothing_isMemoryOnly() {
    assertThat(StoreSettings.from(Environment.of(Map.of()))).isEqualTo(StoreSettings.memory());
  }
}
