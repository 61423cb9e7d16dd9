package dev.tokenmanager.redis;

import io.lettuce.core.ReadFrom;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.masterreplica.MasterReplica;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A master that Redis Sentinel names ({@code redis-sentinel://}, {@code rediss-sentinel://}), through
 * Lettuce's master/replica connection: it asks the Sentinels for the master at connect time,
 * subscribes to their events and moves every command to the new master after a failover. All reads
 * and writes go to the master ({@link ReadFrom#UPSTREAM}), so a reader never sees a replica's stale
 * value.
 *
 * <p>If the Sentinels' events were missed (every subscription was down during the failover), commands
 * may still reach the old master, now a replica, and fail with {@code READONLY}; the connector then
 * rebuilds the connection, which asks the Sentinels again.
 */
final class SentinelDeployment implements RedisDeployment {

  private final RedisClient client;
  private final RedisURI uri;

  SentinelDeployment(RedisStoreConfig config, ClientResources resources) {
    this.uri = LettuceSettings.redisUri(config);
    this.client = RedisClient.create(resources);
    client.setOptions(LettuceSettings.clientOptions(config));
  }

  @Override
  public CompletableFuture<SharedConnection> connect() {
    return MasterReplica.connectAsync(client, RedisValue.CODEC, uri).thenApply(connection -> {
      connection.setReadFrom(ReadFrom.UPSTREAM);
      return new SharedConnection(connection, connection.sync());
    });
  }

  @Override
  public void shutdown() {
    client.shutdown(Duration.ZERO, RedisConnector.SHUTDOWN_TIMEOUT);
  }
}
