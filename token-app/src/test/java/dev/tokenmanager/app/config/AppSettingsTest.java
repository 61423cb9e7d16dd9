package dev.tokenmanager.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppSettingsTest {

  private static Map<String, String> zoom() {
    Map<String, String> env = new HashMap<>();
    env.put("ZOOM_ACCOUNT_ID", "acct");
    env.put("ZOOM_CLIENT_ID", "client");
    env.put("ZOOM_CLIENT_SECRET", "very-secret-value");
    return env;
  }

  @Test
  void from_minimalZoomSettings_defaultsToZoomAndNoRedis() {
    AppSettings settings = AppSettings.from(Environment.of(zoom()));

    assertThat(settings.zoom().oauthHost()).isEqualTo("zoom.us");
    assertThat(settings.store().redis()).isEmpty();
    assertThat(settings.toString()).doesNotContain("very-secret-value");
  }

  @Test
  void from_missingSecret_namesTheVariable() {
    Map<String, String> env = zoom();
    env.remove("ZOOM_CLIENT_SECRET");

    assertThatThrownBy(() -> AppSettings.from(Environment.of(env)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ZOOM_CLIENT_SECRET");
  }

  @Test
  void from_invalidOAuthUrl_namesTheVariableNotItsValue() {
    Map<String, String> env = zoom();
    env.put("ZOOM_OAUTH_URL", "ftp://user:pw-in-url@zoom.us");

    assertThatThrownBy(() -> AppSettings.from(Environment.of(env)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ZOOM_OAUTH_URL")
        .hasMessageNotContaining("pw-in-url");
  }

  @Test
  void redis_hostAndPortAsTheNodeSampleNamedThem_buildAUri() {
    Map<String, String> env = zoom();
    env.put("REDIS_HOST", "cache.internal");
    env.put("REDIS_PORT", "6380");
    env.put("REDIS_PASSWORD", "redis-pw");

    AppSettings settings = AppSettings.from(Environment.of(env));

    assertThat(settings.store().redis()).hasValueSatisfying(config -> {
      assertThat(config.maskedUri()).contains("cache.internal:6380");
      assertThat(config.toString()).doesNotContain("redis-pw");
    });
  }

  @Test
  void redis_portNotANumber_namesTheVariable() {
    Map<String, String> env = zoom();
    env.put("REDIS_HOST", "localhost");
    env.put("REDIS_PORT", "sixty");

    assertThatThrownBy(() -> AppSettings.from(Environment.of(env))).hasMessageContaining("REDIS_PORT");
  }

  @Test
  void redis_invalidUrl_namesTheVariableNotItsValue() {
    Map<String, String> env = zoom();
    env.put("REDIS_URL", "http://user:hunter2@host");

    assertThatThrownBy(() -> AppSettings.from(Environment.of(env)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("REDIS_URL")
        .hasMessageNotContaining("hunter2");
  }
}
