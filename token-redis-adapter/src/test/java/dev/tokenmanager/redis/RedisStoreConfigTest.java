package dev.tokenmanager.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmanager.core.model.Secret;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedisStoreConfigTest {

  @Test
  void of_uri_appliesTheDefaults() {
    RedisStoreConfig config = RedisStoreConfig.of("redis://127.0.0.1:6379");

    assertThat(config.uri()).isEqualTo("redis://127.0.0.1:6379");
    assertThat(config.username()).isNull();
    assertThat(config.password()).isNull();
    assertThat(config.keyPrefix()).isEqualTo("tm:");
    assertThat(config.commandTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void withers_changeOneSettingEach() {
    RedisStoreConfig config = RedisStoreConfig.of("rediss://cache.example:6380/2")
        .withCredentials("tm", Secret.of("pw"))
        .withKeyPrefix("app:")
        .withCommandTimeout(Duration.ofMillis(300))
        .withConnectTimeout(Duration.ofMillis(200));

    assertThat(config).isEqualTo(new RedisStoreConfig("rediss://cache.example:6380/2", "tm", Secret.of("pw"), "app:",
        Duration.ofMillis(300), Duration.ofMillis(200)));
    assertThat(RedisStoreConfig.of("redis://h").withKeyPrefix("").keyPrefix()).isEmpty();
    assertThat(RedisStoreConfig.of("redis://h").withCredentials(null, Secret.of("pw")).username()).isNull();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "redis://user:s3cret@host:6379/0      | redis://user:****@host:6379/0",
      "redis://:s3cret@host:6379            | redis://:****@host:6379",
      "redis://s3cret@host                  | redis://****@host",
      "rediss://u:s3c@r:et@host:6380/1      | rediss://u:****@host:6380/1",
      "redis://host:6379/0                  | redis://host:6379/0",
      "redis://tm:s3cret@10.0.0.5:6379/0?timeout=1s | redis://tm:****@10.0.0.5:6379/0?timeout=1s",
  })
  void maskedUri_credentialsInTheUri_hidesThePassword(String uri, String masked) {
    RedisStoreConfig config = RedisStoreConfig.of(uri);

    assertThat(config.maskedUri()).isEqualTo(masked);
    assertThat(config.toString()).contains("uri=" + masked).doesNotContain("s3c");
  }

  @Test
  void toString_separateCredentials_redactsThePassword() {
    RedisStoreConfig config = RedisStoreConfig.of("redis://h:1").withCredentials("tm", Secret.of("p:a@ss"));

    assertThat(config.toString()).isEqualTo("RedisStoreConfig[uri=redis://h:1, username=tm, password=Secret[redacted],"
        + " keyPrefix=tm:, commandTimeout=PT0.5S, connectTimeout=PT0.25S]");
  }

  @Test
  void constructor_foreignScheme_isRejectedWithTheUriMasked() {
    assertThatThrownBy(() -> RedisStoreConfig.of("http://user:s3cret@host"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("uri must start with redis:// or rediss://, but was 'http://user:****@host'");
  }

  @Test
  void constructor_upperCaseScheme_isRejected() {
    assertThatThrownBy(() -> RedisStoreConfig.of("REDIS://u:s3cret@host"))
        .hasMessage("uri must start with redis:// or rediss://, but was 'REDIS://u:****@host'");
  }

  @Test
  void constructor_unparseableUri_isRejectedWithTheUriMasked() {
    assertThatThrownBy(() -> RedisStoreConfig.of("redis://user:s3cret@:notaport/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("uri must be a valid Redis URI with a host, but was 'redis://user:****@:notaport/x'")
        .hasNoCause();
  }

  @Test
  void constructor_blankUri_isRejected() {
    assertThatThrownBy(() -> RedisStoreConfig.of(" ")).hasMessage("uri must not be blank, but was ' '");
    assertThatThrownBy(() -> RedisStoreConfig.of(null)).hasMessage("uri must not be blank, but was null");
  }

  @Test
  void constructor_badKeyPrefix_isRejectedNamingIt() {
    RedisStoreConfig config = RedisStoreConfig.of("redis://h");

    assertThatThrownBy(() -> config.withKeyPrefix("a{b")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("keyPrefix must not contain braces, white space or control characters, but was 'a{b'");
    assertThatThrownBy(() -> config.withKeyPrefix("a b")).hasMessageStartingWith("keyPrefix must not contain");
    assertThatThrownBy(() -> config.withKeyPrefix(null)).hasMessage("keyPrefix must not be null, but was null");
  }

  @Test
  void constructor_badTimeouts_areRejectedNamingThem() {
    RedisStoreConfig config = RedisStoreConfig.of("redis://h");

    assertThatThrownBy(() -> config.withCommandTimeout(Duration.ZERO))
        .hasMessage("commandTimeout must be at least 1 ms, but was PT0S");
    assertThatThrownBy(() -> config.withCommandTimeout(Duration.ofMillis(-5)))
        .hasMessage("commandTimeout must be at least 1 ms, but was PT-0.005S");
    assertThatThrownBy(() -> config.withConnectTimeout(null))
        .hasMessage("connectTimeout must be at least 1 ms, but was null");
    assertThatThrownBy(() -> config.withConnectTimeout(Duration.ofNanos(10)))
        .hasMessage("connectTimeout must be at least 1 ms, but was PT0.00000001S");
  }

  @Test
  void constructor_badCredentials_areRejectedWithoutThePassword() {
    RedisStoreConfig config = RedisStoreConfig.of("redis://h");

    assertThatThrownBy(() -> config.withCredentials("tm", null))
        .hasMessage("password must not be null, but was null");
    assertThatThrownBy(() -> new RedisStoreConfig("redis://h", "tm", null, "tm:", Duration.ofSeconds(1), Duration.ofSeconds(1)))
        .hasMessage("password is required when username is set, but username was 'tm' and password was null");
    assertThatThrownBy(() -> config.withCredentials(" ", Secret.of("s3cret")))
        .hasMessage("username must be null or non-blank without white space, but was ''")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
  }
}
