package dev.tokenmanager.redis.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Redis Cluster of child processes on free local ports: three masters and three replicas made
 * with {@code redis-cli --cluster create ... --cluster-replicas 1 --cluster-yes}, for tests that kill
 * a master.
 *
 * <p>{@link #start()} returns once every node reports {@code cluster_state:ok} and every replica is in
 * sync. The node timeout is 1 s, so a killed master's replica takes over within a few seconds; {@link
 * #awaitFailover(String)} waits for that. {@link #close()} kills every node. Without {@code
 * redis-server} or {@code redis-cli} (from {@code $REDIS_CLI} or the {@code PATH}) the test fails if
 * {@code CI=true} and is skipped elsewhere, as with {@link TestRedis}.
 */
public final class RedisClusterSetup implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RedisClusterSetup.class);
  private static final Duration NODE_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final int NODES = 6;

  private final List<RedisServerProcess> nodes = new ArrayList<>();

  private RedisClusterSetup() {}

  /**
   * Starts six nodes, joins them into a cluster of three masters with one replica each, and waits
   * until it is healthy.
   *
   * @return the running cluster; close it when done
   * @throws IllegalStateException if a node does not start, {@code redis-cli} fails, or the cluster is
   *     not healthy within 60 s
   */
  public static RedisClusterSetup start() {
    if (RedisServerProcess.findBinary().isEmpty()) {
      TestRedis.unavailable(System.getenv(), "this test needs a redis-server binary (PATH or REDIS_SERVER)");
    }
    Path cli = ExecutableSearch.find("REDIS_CLI", "redis-cli").orElse(null);
    if (cli == null) {
      TestRedis.unavailable(System.getenv(), "this test needs redis-cli (PATH or REDIS_CLI)");
    }
    RedisClusterSetup setup = new RedisClusterSetup();
    try {
      setup.launch(cli);
      return setup;
    } catch (RuntimeException e) {
      setup.close();
      throw e;
    }
  }

  /** Returns the cluster URI naming every node as a seed: {@code redis-cluster://127.0.0.1:<p1>,...}. */
  public String uri() {
    return "redis-cluster://" + nodes.stream().map(n -> "127.0.0.1:" + n.port()).collect(Collectors.joining(","));
  }

  /** Returns the ports of the six nodes, in the order they were started. */
  public List<Integer> ports() {
    return nodes.stream().map(RedisServerProcess::port).toList();
  }

  /**
   * Returns the hash slot of a key, as the cluster computes it ({@code CLUSTER KEYSLOT}).
   *
   * @param key the key, such as {@code tm:{zoom.us|acct|client|0}:token}
   * @return the slot, 0 to 16383
   */
  public int slotOf(String key) {
    for (RedisServerProcess node : running()) {
      if (Resp.callQuietly(node.port(), null, "CLUSTER", "KEYSLOT", key) instanceof Long slot) {
        return slot.intValue();
      }
    }
    throw new IllegalStateException("no node answers CLUSTER KEYSLOT");
  }

  /**
   * Returns the port of the master that serves a key's slot, as the first running node that answers
   * {@code CLUSTER SLOTS} sees it.
   *
   * @param key the key
   * @return the port
   * @throws IllegalStateException if no running node knows a master for the slot
   */
  public int masterPortOf(String key) {
    int slot = slotOf(key);
    for (RedisServerProcess node : running()) {
      Optional<Integer> port = masterOfSlot(node.port(), slot);
      if (port.isPresent()) {
        return port.get();
      }
    }
    throw new IllegalStateException("no running node knows the master of slot " + slot);
  }

  /**
   * Kills (SIGKILL) the master that serves a key's slot, as a crash would.
   *
   * @param key the key
   * @return the port of the killed master
   */
  public int killMasterOf(String key) {
    int port = masterPortOf(key);
    node(port).kill();
    LOG.info("Killed cluster master {} (slot {})", port, slotOf(key));
    return port;
  }

  /**
   * Waits until a running master serves the key's slot again and every running node reports {@code
   * cluster_state:ok}.
   *
   * @param key the key whose master was killed
   * @return the port of the new master
   * @throws IllegalStateException if that does not happen within 60 s
   */
  public int awaitFailover(String key) {
    long start = System.nanoTime();
    Poll.until(READY_TIMEOUT, "a running master for the slot of the killed master", () -> {
      try {
        int port = masterPortOf(key);
        return node(port).isRunning() && "master".equals(Resp.info(port, null, "replication").get("role"))
            && running().stream().allMatch(n -> "ok".equals(clusterInfo(n.port()).get("cluster_state")));
      } catch (IllegalStateException e) {
        return false;
      }
    }, this::describe);
    int port = masterPortOf(key);
    LOG.info("Cluster slot {} served by {} again after {} ms", slotOf(key), port,
        Duration.ofNanos(System.nanoTime() - start).toMillis());
    return port;
  }

  /** Kills every node. Idempotent. */
  @Override
  public void close() {
    nodes.forEach(RedisServerProcess::close);
  }

  @Override
  public String toString() {
    return "RedisClusterSetup[" + uri() + "]";
  }

  private void launch(Path cli) {
    for (int i = 0; i < NODES; i++) {
      nodes.add(RedisServerProcess.startClusterNode(NODE_TIMEOUT));
    }
    List<String> command = new ArrayList<>(List.of(cli.toString(), "--cluster", "create"));
    nodes.forEach(n -> command.add("127.0.0.1:" + n.port()));
    command.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
    runCli(command);
    Poll.until(READY_TIMEOUT, "every node to report cluster_state:ok and every replica to be in sync",
        this::healthy, this::describe);
    LOG.info("Redis Cluster ready: {}", describe());
  }

  private void runCli(List<String> command) {
    try {
      Path output = Files.createTempFile("redis-cli-cluster-", ".log");
      try {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(output.toFile())).start();
        if (!process.waitFor(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException("redis-cli --cluster create did not finish within " + READY_TIMEOUT.toSeconds()
              + " s");
        }
        if (process.exitValue() != 0) {
          throw new IllegalStateException("redis-cli --cluster create failed with " + process.exitValue() + ": "
              + Files.readString(output, StandardCharsets.UTF_8).strip());
        }
      } finally {
        Files.deleteIfExists(output);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run redis-cli", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running redis-cli", e);
    }
  }

  private boolean healthy() {
    for (RedisServerProcess node : running()) {
      Map<String, String> info = clusterInfo(node.port());
      if (!"ok".equals(info.get("cluster_state")) || !Objects.equals(info.get("cluster_known_nodes"), "6")) {
        return false;
      }
      Map<String, String> replication = Resp.info(node.port(), null, "replication");
      if ("slave".equals(replication.get("role")) && !"up".equals(replication.get("master_link_status"))) {
        return false;
      }
    }
    return true;
  }

  private Optional<Integer> masterOfSlot(int port, int slot) {
    if (!(Resp.callQuietly(port, null, "CLUSTER", "SLOTS") instanceof List<?> ranges)) {
      return Optional.empty();
    }
    for (Object range : ranges) {
      if (range instanceof List<?> r && r.size() >= 3 && r.get(0) instanceof Long from && r.get(1) instanceof Long to
          && from <= slot && slot <= to && r.get(2) instanceof List<?> master && master.size() >= 2
          && master.get(1) instanceof Long masterPort) {
        return Optional.of(masterPort.intValue());
      }
    }
    return Optional.empty();
  }

  private static Map<String, String> clusterInfo(int port) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (Resp.callQuietly(port, null, "CLUSTER", "INFO") instanceof String text) {
      for (String line : text.split("\r?\n")) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          fields.put(line.substring(0, colon), line.substring(colon + 1));
        }
      }
    }
    return fields;
  }

  private List<RedisServerProcess> running() {
    return nodes.stream().filter(RedisServerProcess::isRunning).toList();
  }

  private RedisServerProcess node(int port) {
    return nodes.stream().filter(n -> n.port() == port).findFirst()
        .orElseThrow(() -> new IllegalStateException("no node of this cluster listens on " + port));
  }

  private String describe() {
    return nodes.stream().map(n -> n.port() + (n.isRunning() ? " " + Resp.info(n.port(), null, "replication").get("role")
        + " " + clusterInfo(n.port()).get("cluster_state") : " down")).collect(Collectors.joining("; "));
  }
}
