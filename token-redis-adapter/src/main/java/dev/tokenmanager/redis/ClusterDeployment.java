package dev.tokenmanager.redis;

import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A Redis Cluster ({@code redis-cluster://}, {@code rediss-cluster://}): one cluster connection that
 * routes each command to the master of its key's slot, discovers the topology from the seed nodes and
 * refreshes it periodically and on adaptive triggers (see {@link LettuceSettings}). Every script of
 * the store touches the keys of one token key only, which share a hash tag and so a slot.
 */
final class ClusterDeployment implements RedisDeployment {

  private final RedisClusterClient client;

  ClusterDeployment(RedisStoreConfig config, ClientResources resources) {
    this.client = RedisClusterClient.create(resources, LettuceSettings.clusterSeeds(config));
    client.setOptions(LettuceSettings.clusterClientOptions(config));
  }

  @Override
  public CompletableFuture<Link> connect() {
    return client.connectAsync(StringCodec.UTF8).thenApply(connection -> new Link(connection, connection.sync()));
  }

  @Override
  public void shutdown() {
    client.shutdown(Duration.ZERO, RedisConnector.SHUTDOWN_TIMEOUT);
  }
}
