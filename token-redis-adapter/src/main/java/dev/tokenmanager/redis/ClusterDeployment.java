package dev.tokenmanager.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.event.ClusterTopologyChangedEvent;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode.NodeFlag;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.Disposable;

/**
 * A Redis Cluster ({@code redis-cluster://}, {@code rediss-cluster://}): one cluster connection that
 * routes each command to the master of its key's slot, discovers the topology from the seed nodes and
 * refreshes it periodically and on adaptive triggers (see {@link LettuceSettings}). Every script of
 * the store touches the keys of one token key only, which share a hash tag and so a slot.
 *
 * <p>Two additions keep {@code REJECT_COMMANDS} from costing more than a failover:
 *
 * <ul>
 *   <li>Lettuce opens the connection to a node on the first command for one of its slots and rejects
 *       that command while the connection is being opened. So the connections to every master are
 *       opened before the store counts as connected, and again whenever the topology changes (a
 *       promoted replica);
 *   <li>Lettuce's adaptive triggers fire on a connection it keeps trying to re-establish; a node this
 *       process had not talked to before it died gives no such trigger, and its slots would wait for
 *       the periodic refresh. So a command that fails without an error reply from the server
 *       (refused, lost, timed out) or with {@code CLUSTERDOWN} also refreshes the topology, at most
 *       once per {@value #FAILURE_REFRESH_PAUSE_MILLIS} ms.
 * </ul>
 */
final class ClusterDeployment implements RedisDeployment {

  static final long FAILURE_REFRESH_PAUSE_MILLIS = 1000;

  private final RedisClusterClient client;
  private final ClientResources resources;
  private final AtomicBoolean refreshing = new AtomicBoolean();
  private final Disposable topologyChanges;
  private volatile StatefulRedisClusterConnection<String, RedisValue> current;

  ClusterDeployment(RedisStoreConfig config, ClientResources resources) {
    this.resources = resources;
    this.client = RedisClusterClient.create(resources, LettuceSettings.clusterSeeds(config));
    client.setOptions(LettuceSettings.clusterClientOptions(config));
    // published after the connections have the new topology
    this.topologyChanges = resources.eventBus().get().filter(ClusterTopologyChangedEvent.class::isInstance)
        .subscribe(event -> {
          StatefulRedisClusterConnection<String, RedisValue> connection = current;
          if (connection != null && connection.isOpen()) {
            openMasterConnections(connection);
          }
        });
  }

  /**
   * Loads the topology from the seeds, connects, and opens the connections to the masters; all
   * without blocking ({@code connectAsync} alone requires a topology loaded before). A master that
   * cannot be reached does not fail the connect.
   */
  @Override
  public CompletableFuture<SharedConnection> connect() {
    return client.refreshPartitionsAsync().toCompletableFuture()
        .thenCompose(loaded -> client.connectAsync(RedisValue.CODEC))
        .thenCompose(connection -> openMasterConnections(connection).thenApply(opened -> {
          current = connection;
          return new SharedConnection(connection, connection.sync());
        }));
  }

  @Override
  public void commandFailed(RuntimeException failure) {
    boolean serverAnswered = failure instanceof RedisCommandExecutionException
        && (failure.getMessage() == null || !failure.getMessage().startsWith("CLUSTERDOWN"));
    if (serverAnswered || !refreshing.compareAndSet(false, true)) {
      return;
    }
    try {
      // on Lettuce's executor: parts of a refresh (resolving and opening node connections) may run on
      // the thread that starts it, and the caller's thread must return within its command timeout
      resources.eventExecutorGroup().execute(this::refreshAfterFailure);
    } catch (RuntimeException e) {
      // shutting down
      refreshing.set(false);
    }
  }

  private void refreshAfterFailure() {
    try {
      client.refreshPartitionsAsync().whenComplete((loaded, error) -> resources.eventExecutorGroup()
          .schedule(() -> refreshing.set(false), FAILURE_REFRESH_PAUSE_MILLIS, TimeUnit.MILLISECONDS));
    } catch (RuntimeException e) {
      // shutting down, or no topology yet (the connect attempt loads it): nothing to refresh
      refreshing.set(false);
    }
  }

  @Override
  public void shutdown() {
    topologyChanges.dispose();
    client.shutdown(Duration.ZERO, RedisConnector.SHUTDOWN_TIMEOUT);
  }

  /** Opens (or finds open) the connection to every master that serves slots; completes when each has succeeded or failed. */
  private static CompletableFuture<Void> openMasterConnections(StatefulRedisClusterConnection<String, RedisValue> connection) {
    List<CompletableFuture<?>> opening = new ArrayList<>();
    for (RedisClusterNode node : connection.getPartitions()) {
      if (node.is(NodeFlag.UPSTREAM) && !node.getSlots().isEmpty() && !node.is(NodeFlag.FAIL)
          && !node.is(NodeFlag.EVENTUAL_FAIL)) {
        opening.add(connection.getConnectionAsync(node.getUri().getHost(), node.getUri().getPort())
            .handle((opened, failure) -> null));
      }
    }
    return CompletableFuture.allOf(opening.toArray(CompletableFuture[]::new));
  }
}
