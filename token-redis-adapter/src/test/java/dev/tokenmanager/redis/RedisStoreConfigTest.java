package dev.tokenmanager.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmanager.core.model.Secret;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedisStoreConfigTest {

  private static final Path CA = Path.of("src/test/resources/tls/unit-ca.pem");

  @Test
  void of_uri_appliesTheDefaults() {
    RedisStoreConfig config = RedisStoreConfig.of("redis://127.0.0.1:6379");

    assertThat(config.uri()).isEqualTo("redis://127.0.0.1:6379");
    assertThat(config.username()).isNull();
    assertThat(config.password()).isNull();
    assertThat(config.sentinelPassword()).isNull();
    assertThat(config.trustedCertificates()).isNull();
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
        .withConnectTimeout(Duration.ofMillis(200))
        .withTrustedCertificates(CA);

    assertThat(config).isEqualTo(new RedisStoreConfig("rediss://cache.example:6380/2", "tm", Secret.of("pw"), null, CA,
        "app:", Duration.ofMillis(300), Duration.ofMillis(200)));
    assertThat(RedisStoreConfig.of("redis-sentinel://s1,s2/0#m").withSentinelPassword(Secret.of("sp")).sentinelPassword())
        .isEqualTo(Secret.of("sp"));
    assertThat(RedisStoreConfig.of("redis://h").withKeyPrefix("").keyPrefix()).isEmpty();
    assertThat(RedisStoreConfig.of("redis://h").withCredentials(null, Secret.of("pw")).username()).isNull();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "redis://user:s3cret@host:6379/0      | redis://user:****@host:6379/0",
      "redis://:s3cret@host:6379            | redis://:****@host:6379",
      "redis://s3cret@host                  | redis://****@host",
      "redis://host:6379/0                  | redis://host:6379/0",
      "redis://tm:s3cret@10.0.0.5:6379/0?timeout=1s | redis://tm:****@10.0.0.5:6379/0?timeout=1s",
      "redis-sentinel://:s3cret@s1:26379,s2:26380/0#mymaster | redis-sentinel://:****@s1:26379,s2:26380/0#mymaster",
      "rediss-sentinel://u:s3cret@s1,s2#m  | rediss-sentinel://u:****@s1,s2#m",
      "redis-cluster://tm:s3cret@n1:7000,n2:7001 | redis-cluster://tm:****@n1:7000,n2:7001",
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
  void toString_sentinelPasswordAndTrust_redactsThePasswordAndNamesTheFile() {
    RedisStoreConfig config = RedisStoreConfig.of("rediss-sentinel://:d4ta@s1,s2/0#m")
        .withSentinelPassword(Secret.of("s3nt")).withTrustedCertificates(CA);

    assertThat(config.toString()).isEqualTo("RedisStoreConfig[uri=rediss-sentinel://:****@s1,s2/0#m, username=null,"
        + " password=none, sentinelPassword=Secret[redacted], trustedCertificates=" + CA + ", keyPrefix=tm:,"
        + " commandTimeout=PT0.5S, connectTimeout=PT0.25S]");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "redis://h:6379/0                                | REDIS",
      "rediss://h:6380                                 | REDISS",
      "redis-sentinel://s1:26379,s2:26379,s3/0#mymaster | REDIS_SENTINEL",
      "rediss-sentinel://s1#mymaster                   | REDISS_SENTINEL",
      "redis-cluster://n1:7000,n2:7001,[::1]:7002       | REDIS_CLUSTER",
      "rediss-cluster://n1                             | REDISS_CLUSTER",
  })
  void of_everyAcceptedScheme_isAccepted(String uri, Scheme scheme) {
    assertThat(RedisStoreConfig.of(uri).scheme()).isEqualTo(scheme);
  }

  @Test
  void constructor_foreignScheme_isRejectedWithTheUriMasked() {
    assertThatThrownBy(() -> RedisStoreConfig.of("http://user:s3cret@host"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("uri must start with redis://, rediss://, redis-sentinel://, rediss-sentinel://, redis-cluster://"
            + " or rediss-cluster://, but was 'http://user:****@host'");
  }

  @Test
  void constructor_upperCaseScheme_isRejected() {
    assertThatThrownBy(() -> RedisStoreConfig.of("REDIS://u:s3cret@host"))
        .hasMessageStartingWith("uri must start with redis://").hasMessageEndingWith("but was 'REDIS://u:****@host'");
  }

  @Test
  void constructor_unparseableUri_isRejectedWithTheUriMasked() {
    assertThatThrownBy(() -> RedisStoreConfig.of("redis://user:s3cret@:notaport/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("uri must be a valid redis:// URI with a host, but was 'redis://user:****@:notaport/x'")
        .hasNoCause();
  }

  @Test
  void constructor_sentinelUriWithoutMasterName_isRejectedWithAnExample() {
    assertThatThrownBy(() -> RedisStoreConfig.of("redis-sentinel://:s3cret@s1:26379,s2:26379/0"))
        .hasMessage("uri must name the master after '#', such as redis-sentinel://s1:26379,s2:26379,s3:26379/0#mymaster,"
            + " but was 'redis-sentinel://:****@s1:26379,s2:26379/0'");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "redis-cluster://u:s3cret@n1:7000,,n2:7001 | redis-cluster://u:****@n1:7000,,n2:7001",
      "redis-cluster://n1:7000/1                 | redis-cluster://n1:7000/1",
      "redis-cluster://n1:7000#mymaster          | redis-cluster://n1:7000#mymaster",
      "redis-cluster://:s3cret@n1:notaport       | redis-cluster://:****@n1:notaport",
      "redis-cluster://                          | redis-cluster://",
  })
  void constructor_invalidClusterUri_isRejectedWithTheUriMasked(String uri, String masked) {
    assertThatThrownBy(() -> RedisStoreConfig.of(uri))
        .hasMessage("uri must be a valid redis-cluster:// URI with a host, but was '" + masked + "'").hasNoCause();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "rediss://:s3cret@h:6380?verifyPeer=NONE   | rediss://:****@h:6380?verifyPeer=NONE",
      "rediss://h:6380?verifyPeer=CA             | rediss://h:6380?verifyPeer=CA",
      "rediss-sentinel://s1,s2?verifyPeer=NONE#m | rediss-sentinel://s1,s2?verifyPeer=NONE#m",
      "rediss-cluster://n1,n2?verifyPeer=NONE    | rediss-cluster://n1,n2?verifyPeer=NONE",
  })
  void constructor_weakerTlsVerification_isRejected(String uri, String masked) {
    assertThatThrownBy(() -> RedisStoreConfig.of(uri))
        .hasMessage("uri must not lower TLS verification (verifyPeer must be FULL), but was '" + masked + "'");
  }

  @Test
  void withSentinelPassword_notASentinelUri_isRejected() {
    assertThatThrownBy(() -> RedisStoreConfig.of("redis://:s3cret@h:1").withSentinelPassword(Secret.of("x")))
        .hasMessage("sentinelPassword is only used with redis-sentinel:// or rediss-sentinel:// URIs, but uri was"
            + " 'redis://:****@h:1'");
    assertThatThrownBy(() -> RedisStoreConfig.of("redis-sentinel://s1#m").withSentinelPassword(null))
        .hasMessage("sentinelPassword must not be null, but was null");
  }

  @Test
  void withTrustedCertificates_uriWithoutTls_isRejected() {
    assertThatThrownBy(() -> RedisStoreConfig.of("redis-cluster://n1,n2").withTrustedCertificates(CA))
        .hasMessage("trustedCertificates is only used with rediss://, rediss-sentinel:// or rediss-cluster:// URIs,"
            + " but uri was 'redis-cluster://n1,n2'");
    assertThatThrownBy(() -> RedisStoreConfig.of("rediss://h").withTrustedCertificates(null))
        .hasMessage("trustedCertificates must not be null, but was null");
  }

  @Test
  void withTrustedCertificates_missingOrEmptyFile_isRejectedNamingIt() {
    Path missing = Path.of("src/test/resources/tls/missing.pem");
    Path notPem = Path.of("src/test/resources/tls/not-a-certificate.pem");
    RedisStoreConfig config = RedisStoreConfig.of("rediss://h");

    assertThatThrownBy(() -> config.withTrustedCertificates(missing))
        .hasMessage("trustedCertificates must be a readable PEM file, but " + missing
            + " cannot be read (NoSuchFileException)");
    assertThatThrownBy(() -> config.withTrustedCertificates(notPem))
        .hasMessageStartingWith("trustedCertificates must hold").hasMessageContaining(notPem.toString());
  }

  @Test
  void constructor_unencodedAtInThePassword_isRejectedWithoutItsTail() {
    assertThatThrownBy(() -> RedisStoreConfig.of("rediss://u:s3c@r:et@host:6380/1"))
        .hasMessage("uri must be a valid rediss:// URI with a host, but was 'rediss://u:****@host:6380/1'");
  }

  @Test
  void constructor_portThatIsNoNumber_isRejected() {
    assertThatThrownBy(() -> RedisStoreConfig.of("redis://h:notaport"))
        .hasMessage("uri must be a valid redis:// URI with a host, but was 'redis://h:notaport'");
    assertThatThrownBy(() -> RedisStoreConfig.of("redis-sentinel://s1:x,s2#m"))
        .hasMessage("uri must be a valid redis-sentinel:// URI with a host, but was 'redis-sentinel://s1:x,s2#m'");
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
    assertThatThrownBy(() -> new RedisStoreConfig("redis://h", "tm", null, null, null, "tm:", Duration.ofSeconds(1),
        Duration.ofSeconds(1)))
        .hasMessage("password is required when username is set, but username was 'tm' and password was null");
    assertThatThrownBy(() -> config.withCredentials(" ", Secret.of("s3cret")))
        .hasMessage("username must be null or non-blank without white space, but was ''")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
  }
}
