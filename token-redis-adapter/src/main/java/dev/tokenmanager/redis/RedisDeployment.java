package dev.tokenmanager.redis;

import io.lettuce.core.resource.ClientResources;
import java.util.concurrent.CompletableFuture;

/**
 * How the store opens its one shared connection for one kind of Redis deployment: a standalone
 * server, a Sentinel-managed master, or a cluster. The connector above it does the rest (connecting
 * in the background, failing fast while down, translating failures) the same way for each.
 */
interface RedisDeployment {

  /**
   * Creates the deployment that the configuration's URI scheme names, with its Lettuce client set up
   * (options per {@link LettuceSettings}) but not connected.
   *
   * @param config the configuration
   * @param resources the Lettuce resources the client uses; the caller shuts them down
   * @return the deployment
   */
  static RedisDeployment of(RedisStoreConfig config, ClientResources resources) {
    return switch (config.scheme().kind()) {
      case STANDALONE -> new StandaloneDeployment(config, resources);
      case SENTINEL -> new SentinelDeployment(config, resources);
      case CLUSTER -> new ClusterDeployment(config, resources);
    };
  }

  /**
   * Opens the shared connection without blocking.
   *
   * @return completes with the connection, or exceptionally if it cannot be opened now
   */
  CompletableFuture<SharedConnection> connect();

  /**
   * Learns that a command on the shared connection failed, so that the deployment can look for a new
   * topology. Called on Lettuce or caller threads; must not block. The default does nothing.
   *
   * @param failure the failure
   */
  default void commandFailed(RuntimeException failure) {}

  /** Shuts the client down (after its connection is closed); the resources stay for the caller. */
  void shutdown();
}
