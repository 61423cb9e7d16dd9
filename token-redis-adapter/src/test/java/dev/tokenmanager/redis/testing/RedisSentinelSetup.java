package dev.tokenmanager.redis.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Redis Sentinel deployment of child processes on free local ports: a master, one replica and
 * three Sentinels (quorum 2) monitoring it as {@value #MASTER_NAME}, for tests that fail over.
 *
 * <p>{@link #start()} returns once the replica is in sync and every Sentinel knows the master, the
 * replica and the other two Sentinels, so {@link #failover()} can promote the replica at once; {@link
 * #killMaster()} crashes the master instead. {@link #startWithPasswords} protects the data nodes and
 * the Sentinels with two different passwords. The
 * Sentinels declare a master down after 5 s ({@code down-after-milliseconds}) and time a failover out
 * after 10 s. {@link #close()} kills every process. Without a {@code redis-server} binary the test
 * fails if {@code CI=true} and is skipped elsewhere, as with {@link TestRedis}.
 */
public final class RedisSentinelSetup implements AutoCloseable {

  /** The name the Sentinels know the master by. */
  public static final String MASTER_NAME = "mymaster";

  private static final Logger LOG = LoggerFactory.getLogger(RedisSentinelSetup.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(30);

  private final String dataPassword;
  private final String sentinelPassword;
  private final Map<Integer, RedisServerProcess> dataNodes = new LinkedHashMap<>();
  private final List<RedisServerProcess> sentinels = new ArrayList<>();

  private RedisSentinelSetup(String dataPassword, String sentinelPassword) {
    this.dataPassword = dataPassword;
    this.sentinelPassword = sentinelPassword;
  }

  /**
   * Starts a master, a replica and three Sentinels without passwords, and waits until they are ready.
   *
   * @return the running deployment; close it when done
   * @throws IllegalStateException if a process does not start or the deployment is not ready within 30 s
   */
  public static RedisSentinelSetup start() {
    return startWithPasswords(null, null);
  }

  /**
   * Starts the deployment with the data nodes behind {@code requirepass dataPassword} and the
   * Sentinels behind {@code requirepass sentinelPassword}.
   *
   * @param dataPassword the master's and replica's password, or null for none
   * @param sentinelPassword the Sentinels' own password, or null for none
   * @return the running deployment; close it when done
   * @throws IllegalStateException if a process does not start or the deployment is not ready within 30 s
   */
  public static RedisSentinelSetup startWithPasswords(String dataPassword, String sentinelPassword) {
    if (RedisServerProcess.findBinary().isEmpty()) {
      TestRedis.unavailable(System.getenv(), "this test needs a redis-server binary (PATH or REDIS_SERVER)");
    }
    RedisSentinelSetup setup = new RedisSentinelSetup(dataPassword, sentinelPassword);
    try {
      setup.launch();
      return setup;
    } catch (RuntimeException e) {
      setup.close();
      throw e;
    }
  }

  /**
   * Returns the Sentinel URI of this deployment, without credentials: {@code
   * redis-sentinel://127.0.0.1:<s1>,127.0.0.1:<s2>,127.0.0.1:<s3>/0#mymaster}.
   */
  public String uri() {
    return "redis-sentinel://" + sentinels.stream().map(s -> "127.0.0.1:" + s.port()).collect(Collectors.joining(","))
        + "/0#" + MASTER_NAME;
  }

  /** Returns the ports of the master and the replica, in the order they were started. */
  public List<Integer> dataPorts() {
    return List.copyOf(dataNodes.keySet());
  }

  /** Returns the ports of the three Sentinels. */
  public List<Integer> sentinelPorts() {
    return sentinels.stream().map(RedisServerProcess::port).toList();
  }

  /**
   * Returns the port of the current master, as the first Sentinel that answers reports it.
   *
   * @throws IllegalStateException if no Sentinel answers
   */
  public int masterPort() {
    for (RedisServerProcess sentinel : sentinels) {
      Integer port = reportedMaster(sentinel.port());
      if (port != null) {
        return port;
      }
    }
    throw new IllegalStateException("no Sentinel reports a master for " + MASTER_NAME);
  }

  /**
   * Fails over with {@code SENTINEL FAILOVER mymaster} and waits until every Sentinel reports the
   * promoted replica as the master and it says so itself. The old master stays up; the Sentinels turn
   * it into a replica of the new one some seconds later.
   *
   * @return the port of the new master
   * @throws IllegalStateException if the failover is not done within 30 s
   */
  public int failover() {
    int old = masterPort();
    awaitReplicaReady(old);
    long start = System.nanoTime();
    AtomicReference<Object> reply = new AtomicReference<>();
    Poll.until(FAILOVER_TIMEOUT, "SENTINEL FAILOVER to be accepted", () -> {
      reply.set(Resp.callQuietly(sentinels.get(0).port(), sentinelPassword, "SENTINEL", "FAILOVER", MASTER_NAME));
      return "OK".equals(reply.get());
    }, () -> String.valueOf(reply.get()));
    return awaitNewMaster(old, start);
  }

  /**
   * Kills the current master with SIGKILL, as a crash would, and returns at once. The Sentinels notice
   * after 5 s ({@code down-after-milliseconds}) and then promote the replica; {@link
   * #awaitNewMaster(int)} waits for that.
   *
   * @return the port of the killed master
   */
  public int killMaster() {
    int old = masterPort();
    awaitReplicaReady(old);
    dataNodes.get(old).kill();
    LOG.info("Killed the Sentinel-managed master {}", old);
    return old;
  }

  /**
   * Waits until every Sentinel reports a master other than {@code oldPort} and it says so itself.
   *
   * @param oldPort the master that failed or was failed over
   * @return the port of the new master
   * @throws IllegalStateException if that does not happen within 30 s
   */
  public int awaitNewMaster(int oldPort) {
    return awaitNewMaster(oldPort, System.nanoTime());
  }

  private int awaitNewMaster(int old, long start) {
    Poll.until(FAILOVER_TIMEOUT, "every Sentinel to report a new master", () -> {
      Integer first = reportedMaster(sentinels.get(0).port());
      return first != null && first != old && "master".equals(role(first))
          && sentinels.stream().allMatch(s -> Objects.equals(reportedMaster(s.port()), first));
    }, this::describe);
    int now = masterPort();
    LOG.info("Sentinel failover {} -> {} reported by every Sentinel after {} ms", old, now,
        Duration.ofNanos(System.nanoTime() - start).toMillis());
    return now;
  }

  /** Kills the Sentinels, then the data nodes. Idempotent. */
  @Override
  public void close() {
    sentinels.forEach(RedisServerProcess::close);
    dataNodes.values().forEach(RedisServerProcess::close);
  }

  @Override
  public String toString() {
    return "RedisSentinelSetup[" + uri() + ", data nodes " + dataPorts() + "]";
  }

  private void launch() {
    List<String> auth = dataPassword == null ? List.of() : List.of("--requirepass", dataPassword, "--masterauth",
        dataPassword);
    RedisServerProcess master = RedisServerProcess.start(auth.toArray(String[]::new));
    dataNodes.put(master.port(), master);
    List<String> replicaArgs = new ArrayList<>(List.of("--replicaof", "127.0.0.1", Integer.toString(master.port())));
    replicaArgs.addAll(auth);
    RedisServerProcess replica = RedisServerProcess.start(replicaArgs.toArray(String[]::new));
    dataNodes.put(replica.port(), replica);
    Poll.until(READY_TIMEOUT, "the replica to sync with the master",
        () -> "up".equals(Resp.info(replica.port(), dataPassword, "replication").get("master_link_status")),
        () -> Resp.info(replica.port(), dataPassword, "replication").toString());
    for (int i = 0; i < 3; i++) {
      sentinels.add(RedisServerProcess.startSentinel(sentinelConfig(master.port())));
    }
    Poll.until(READY_TIMEOUT, "every Sentinel to know the master, the replica and the other Sentinels",
        () -> sentinels.stream().allMatch(s -> knowsEverything(s.port(), master.port())), this::describe);
    LOG.info("Sentinel deployment ready: master {}, replica {}, Sentinels {}", master.port(), replica.port(),
        sentinelPorts());
  }

  private String sentinelConfig(int masterPort) {
    StringBuilder config = new StringBuilder()
        .append("sentinel monitor ").append(MASTER_NAME).append(" 127.0.0.1 ").append(masterPort).append(" 2\n")
        .append("sentinel down-after-milliseconds ").append(MASTER_NAME).append(" 5000\n")
        .append("sentinel failover-timeout ").append(MASTER_NAME).append(" 10000\n")
        .append("sentinel parallel-syncs ").append(MASTER_NAME).append(" 1\n");
    if (dataPassword != null) {
      config.append("sentinel auth-pass ").append(MASTER_NAME).append(' ').append(dataPassword).append('\n');
    }
    if (sentinelPassword != null) {
      config.append("requirepass ").append(sentinelPassword).append('\n')
          .append("sentinel sentinel-pass ").append(sentinelPassword).append('\n');
    }
    return config.toString();
  }

  private boolean knowsEverything(int sentinelPort, int masterPort) {
    return Objects.equals(reportedMaster(sentinelPort), masterPort)
        && healthyReplicas(sentinelPort) == 1
        && Resp.callQuietly(sentinelPort, sentinelPassword, "SENTINEL", "SENTINELS", MASTER_NAME) instanceof List<?> list
        && list.size() == 2;
  }

  /** Waits until a Sentinel sees a replica of the master that it could promote. */
  private void awaitReplicaReady(int masterPort) {
    Poll.until(READY_TIMEOUT, "a replica of " + masterPort + " ready for promotion",
        () -> healthyReplicas(sentinels.get(0).port()) >= 1, this::describe);
  }

  private long healthyReplicas(int sentinelPort) {
    if (!(Resp.callQuietly(sentinelPort, sentinelPassword, "SENTINEL", "REPLICAS", MASTER_NAME) instanceof List<?> list)) {
      return 0;
    }
    return list.stream().map(Resp::pairs)
        .filter(r -> "slave".equals(r.get("flags")) && "ok".equals(r.get("master-link-status")))
        .count();
  }

  private Integer reportedMaster(int sentinelPort) {
    Object reply = Resp.callQuietly(sentinelPort, sentinelPassword, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER_NAME);
    if (reply instanceof List<?> address && address.size() == 2) {
      return Integer.valueOf(String.valueOf(address.get(1)));
    }
    return null;
  }

  private String role(int dataPort) {
    return Resp.info(dataPort, dataPassword, "replication").get("role");
  }

  private String describe() {
    StringBuilder sb = new StringBuilder();
    for (RedisServerProcess sentinel : sentinels) {
      sb.append("sentinel ").append(sentinel.port()).append(": master ").append(reportedMaster(sentinel.port()))
          .append(", healthy replicas ").append(healthyReplicas(sentinel.port())).append("; ");
    }
    dataNodes.keySet().forEach(port -> sb.append(port).append(" role ").append(role(port)).append("; "));
    return sb.toString();
  }
}
