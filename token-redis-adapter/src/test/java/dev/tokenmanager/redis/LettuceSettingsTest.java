package dev.tokenmanager.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmanager.core.model.Secret;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LettuceSettingsTest {

  @Test
  void redisUri_sentinel_keepsDataAndSentinelPasswordsApart() {
    RedisStoreConfig config = RedisStoreConfig.of("redis-sentinel://s1:26379,s2:26380/2#mymaster")
        .withCredentials("tm", Secret.of("data-pw")).withSentinelPassword(Secret.of("sentinel-pw"));

    RedisURI uri = LettuceSettings.redisUri(config);

    assertThat(uri.getSentinelMasterId()).isEqualTo("mymaster");
    assertThat(uri.getDatabase()).isEqualTo(2);
    assertThat(uri.getTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(credentials(uri).getUsername()).isEqualTo("tm");
    assertThat(new String(credentials(uri).getPassword())).isEqualTo("data-pw");
    assertThat(uri.getSentinels()).hasSize(2).allSatisfy(sentinel -> {
      assertThat(new String(credentials(sentinel).getPassword())).isEqualTo("sentinel-pw");
      assertThat(credentials(sentinel).hasUsername()).isFalse();
      assertThat(sentinel.getTimeout()).isEqualTo(Duration.ofMillis(500));
    });
  }

  @Test
  void redisUri_tls_verifiesTheFullPeer() {
    assertThat(LettuceSettings.redisUri(RedisStoreConfig.of("rediss://h:6380")).getVerifyMode())
        .isEqualTo(SslVerifyMode.FULL);
  }

  @Test
  void clusterSeeds_separateCredentials_applyToEverySeed() {
    RedisStoreConfig config = RedisStoreConfig.of("rediss-cluster://n1:7000,n2:7001")
        .withCredentials("tm", Secret.of("pw")).withCommandTimeout(Duration.ofMillis(300));

    List<RedisURI> seeds = LettuceSettings.clusterSeeds(config);

    assertThat(seeds).hasSize(2).allSatisfy(seed -> {
      assertThat(new String(credentials(seed).getPassword())).isEqualTo("pw");
      assertThat(seed.getTimeout()).isEqualTo(Duration.ofMillis(300));
      assertThat(seed.getVerifyMode()).isEqualTo(SslVerifyMode.FULL);
    });
  }

  @Test
  void clusterClientOptions_keepTheStoreSettingsAndRefreshTheTopology() {
    ClusterClientOptions options = LettuceSettings.clusterClientOptions(RedisStoreConfig.of("redis-cluster://n1"));

    assertThat(options.getDisconnectedBehavior()).isEqualTo(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    assertThat(options.getRequestQueueSize()).isEqualTo(LettuceSettings.REQUEST_QUEUE_SIZE);
    assertThat(options.getReplayFilter().test(null)).isTrue();
    assertThat(options.getTimeoutOptions().isTimeoutCommands()).isTrue();
    assertThat(options.getSocketOptions().getConnectTimeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(options.isSuspendReconnectOnProtocolFailure()).isFalse();
    ClusterTopologyRefreshOptions refresh = options.getTopologyRefreshOptions();
    assertThat(refresh.isPeriodicRefreshEnabled()).isTrue();
    assertThat(refresh.getRefreshPeriod()).isEqualTo(Duration.ofSeconds(30));
    assertThat(refresh.getAdaptiveRefreshTriggers()).containsExactlyInAnyOrder(
        ClusterTopologyRefreshOptions.RefreshTrigger.values());
    assertThat(refresh.getAdaptiveRefreshTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(refresh.getRefreshTriggersReconnectAttempts()).isEqualTo(3);
  }

  @Test
  void clientOptions_trustedCertificates_setTheTrustManager() {
    RedisStoreConfig config = RedisStoreConfig.of("rediss://h")
        .withTrustedCertificates(Path.of("src/test/resources/tls/unit-ca.pem"));

    assertThat(LettuceSettings.clientOptions(config).getSslOptions()).isNotNull()
        .isNotSameAs(LettuceSettings.clientOptions(RedisStoreConfig.of("rediss://h")).getSslOptions());
  }

  private static RedisCredentials credentials(RedisURI uri) {
    return uri.getCredentialsProvider().resolveCredentials().block();
  }
}
