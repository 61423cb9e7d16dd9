package dev.tokenmanager.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
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
 *   <li>small thread pools (2 I/O, 2 computation): one shared connection needs no more.
 * </ul>
 */
final class LettuceSettings {

  static final int REQUEST_QUEUE_SIZE = 1000;
  static final Duration RECONNECT_DELAY_MIN = Duration.ofMillis(50);
  static final Duration RECONNECT_DELAY_MAX = Duration.ofSeconds(2);

  private LettuceSettings() {}

  static RedisURI redisUri(RedisStoreConfig config) {
    RedisURI uri = RedisURI.create(config.uri());
    if (config.password() != null) {
      uri.setAuthentication(config.username(), config.password().reveal().toCharArray());
    }
    uri.setTimeout(config.commandTimeout());
    return uri;
  }

  static ClientOptions clientOptions(RedisStoreConfig config) {
    return ClientOptions.builder()
        .autoReconnect(true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .requestQueueSize(REQUEST_QUEUE_SIZE)
        .replayFilter(command -> true)
        .timeoutOptions(TimeoutOptions.enabled(config.commandTimeout()))
        .socketOptions(SocketOptions.builder()
            .connectTimeout(config.connectTimeout())
            .tcpNoDelay(true)
            .keepAlive(SocketOptions.KeepAliveOptions.builder()
                .enable()
                .idle(Duration.ofSeconds(5))
                .interval(Duration.ofSeconds(2))
                .count(3)
                .build())
            .build())
        .build();
  }

  static ClientResources clientResources() {
    return DefaultClientResources.builder()
        .ioThreadPoolSize(2)
        .computationThreadPoolSize(2)
        .reconnectDelay(Delay.fullJitter(RECONNECT_DELAY_MIN, RECONNECT_DELAY_MAX, 100, TimeUnit.MILLISECONDS))
        .build();
  }
}
