package dev.tokenmanager.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Lettuce settings of the store, in one place (see stack notes section 11):
 *
 * <ul>
 *   <li>command timeout from the configuration (default 500 ms, never Lettuce's 60 s), applied to
 *       every command; connect timeout from the configuration (default 250 ms);
 *   <li>{@code REJECT_COMMANDS} while disconnected, so a dead Redis costs milliseconds, not a
 *       timeout; a request queue bounded at {@value #REQUEST_QUEUE_SIZE};
 *   <li>no replay of buffered commands after a reconnect (a replayed {@code SET NX} could report a
 *       lease we hold as lost); the lease code checks an unknown outcome with a {@code GET};
 *   <li>auto-reconnect on, with a full-jitter delay between 50 ms and 2 s;
 *   <li>TCP keep-alive: idle 5 s, interval 2 s, 3 probes;
 *   <li>small thread pools (2 I/O, 2 computation): one shared connection needs no more;
 *   <li>TLS verifies the certificate chain and the host name ({@code verifyPeer=FULL}), against the
 *       configured PEM file if there is one, else the JDK's trust store; a handshake that fails on
 *       reconnect does not stop reconnecting ({@code suspendReconnectOnProtocolFailure} off);
 *   <li>Sentinel: every Sentinel is asked with the command timeout and the Sentinel password, if any;
 *   <li>Cluster: the topology is refreshed every {@value #CLUSTER_PERIODIC_REFRESH_SECONDS} s and on
 *       every adaptive trigger (MOVED, ASK, persistent reconnects after
 *       {@value #CLUSTER_RECONNECTS_BEFORE_REFRESH} attempts, an uncovered slot, an unknown node), at
 *       most once per {@value #CLUSTER_ADAPTIVE_REFRESH_MILLIS} ms instead of Lettuce's 30 s, so a
 *       refresh that ran before a replica was promoted is repeated soon after.
 * </ul>
 */
final class LettuceSettings {

  static final int REQUEST_QUEUE_SIZE = 1000;
  static final Duration RECONNECT_DELAY_MIN = Duration.ofMillis(50);
  static final Duration RECONNECT_DELAY_MAX = Duration.ofSeconds(2);
  static final long CLUSTER_PERIODIC_REFRESH_SECONDS = 30;
  static final long CLUSTER_ADAPTIVE_REFRESH_MILLIS = 1000;
  static final int CLUSTER_RECONNECTS_BEFORE_REFRESH = 3;

  private LettuceSettings() {}

  /** The URI of a standalone server or of the Sentinels (not for a cluster), with credentials and timeouts. */
  static RedisURI redisUri(RedisStoreConfig config) {
    RedisURI uri = RedisURI.create(config.uri());
    applyCommon(uri, config);
    for (RedisURI sentinel : uri.getSentinels()) {
      sentinel.setTimeout(config.commandTimeout());
      if (config.sentinelPassword() != null) {
        sentinel.setAuthentication(config.sentinelPassword().reveal().toCharArray());
      }
      if (sentinel.isSsl()) {
        sentinel.setVerifyPeer(SslVerifyMode.FULL);
      }
    }
    return uri;
  }

  /** The seed nodes of a cluster, each with credentials and timeouts. */
  static List<RedisURI> clusterSeeds(RedisStoreConfig config) {
    List<RedisURI> seeds = ClusterSeeds.parse(config.uri());
    seeds.forEach(seed -> applyCommon(seed, config));
    return seeds;
  }

  private static void applyCommon(RedisURI uri, RedisStoreConfig config) {
    if (config.password() != null) {
      uri.setAuthentication(config.username(), config.password().reveal().toCharArray());
    }
    uri.setTimeout(config.commandTimeout());
    if (uri.isSsl()) {
      uri.setVerifyPeer(SslVerifyMode.FULL);
    }
  }

  static ClientOptions clientOptions(RedisStoreConfig config) {
    ClientOptions.Builder builder = ClientOptions.builder();
    applyCommon(builder, config);
    return builder.build();
  }

  /**
   * The cluster client's options: the same as {@link #clientOptions} plus topology refresh. They are
   * set on the cluster builder itself, because {@code ClusterClientOptions.builder(ClientOptions)}
   * does not copy every option (the replay filter is lost).
   */
  static ClusterClientOptions clusterClientOptions(RedisStoreConfig config) {
    ClusterClientOptions.Builder builder = ClusterClientOptions.builder();
    applyCommon(builder, config);
    builder.topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
        .enablePeriodicRefresh(Duration.ofSeconds(CLUSTER_PERIODIC_REFRESH_SECONDS))
        .enableAllAdaptiveRefreshTriggers()
        .adaptiveRefreshTriggersTimeout(Duration.ofMillis(CLUSTER_ADAPTIVE_REFRESH_MILLIS))
        .refreshTriggersReconnectAttempts(CLUSTER_RECONNECTS_BEFORE_REFRESH)
        .build());
    return builder.build();
  }

  private static void applyCommon(ClientOptions.Builder builder, RedisStoreConfig config) {
    if (config.trustedCertificates() != null) {
      builder.sslOptions(SslOptions.builder().jdkSslProvider()
          .trustManager(TrustedCertificates.trustManagerFactory(config.trustedCertificates())).build());
    }
    builder.autoReconnect(true);
    // a failed TLS handshake on reconnect (a server restarted with a bad certificate) keeps reconnecting
    builder.suspendReconnectOnProtocolFailure(false);
    builder.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    builder.requestQueueSize(REQUEST_QUEUE_SIZE);
    builder.replayFilter(command -> true);
    builder.timeoutOptions(TimeoutOptions.enabled(config.commandTimeout()));
    builder.socketOptions(SocketOptions.builder()
        .connectTimeout(config.connectTimeout())
        .tcpNoDelay(true)
        .keepAlive(SocketOptions.KeepAliveOptions.builder()
            .enable()
            .idle(Duration.ofSeconds(5))
            .interval(Duration.ofSeconds(2))
            .count(3)
            .build())
        .build());
  }

  static ClientResources clientResources() {
    return DefaultClientResources.builder()
        .ioThreadPoolSize(2)
        .computationThreadPoolSize(2)
        .reconnectDelay(Delay.fullJitter(RECONNECT_DELAY_MIN, RECONNECT_DELAY_MAX, 100, TimeUnit.MILLISECONDS))
        .build();
  }
}
