package dev.tokenmanager.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** One Redis server ({@code redis://}, {@code rediss://}): one connection, auto-reconnecting to the same address. */
final class StandaloneDeployment implements RedisDeployment {

  private final RedisClient client;
  private final RedisURI uri;

  StandaloneDeployment(RedisStoreConfig config, ClientResources resources) {
    this.uri = LettuceSettings.redisUri(config);
    this.client = RedisClient.create(resources);
    client.setOptions(LettuceSettings.clientOptions(config));
  }

  @Override
  public CompletableFuture<SharedConnection> connect() {
    return client.connectAsync(RedisValue.CODEC, uri).toCompletableFuture()
        .thenApply(connection -> new SharedConnection(connection, connection.sync()));
  }

  @Override
  public void shutdown() {
    client.shutdown(Duration.ZERO, RedisConnector.SHUTDOWN_TIMEOUT);
  }
}
