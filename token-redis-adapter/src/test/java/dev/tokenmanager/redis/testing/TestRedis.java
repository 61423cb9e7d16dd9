package dev.tokenmanager.redis.testing;

import dev.tokenmanager.redis.RedisStoreConfig;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Redis for integration tests, resolved in this order:
 *
 * <ol>
 *   <li>the environment variable {@code REDIS_URL}, or else the system property {@code redis.url}:
 *       that server, as is (tests must use their own key prefixes and never flush it);
 *   <li>a {@code redis:7} container through Testcontainers, if a Docker engine answers (the probe is
 *       bounded to {@value #DOCKER_PROBE_SECONDS} s, so a Docker client without a daemon costs little);
 *   <li>a local {@code redis-server} child process ({@link RedisServerProcess}) on a free port;
 *   <li>none: if the environment variable {@code CI} is {@code true} the test <b>fails</b> ("Redis
 *       required in CI"), so a CI build cannot pass by skipping; elsewhere it is skipped through an
 *       assumption.
 * </ol>
 *
 * <p>The chosen source is logged at INFO ({@code Redis for integration tests: ...}). {@link #close()}
 * stops a container or process this class started and leaves a configured server alone. Use {@link
 * RedisExtension} to share one per test run.
 */
public final class TestRedis implements AutoCloseable {

  /** Where a {@link TestRedis} came from. */
  public enum Source {
    /** {@code REDIS_URL} or {@code -Dredis.url}. */
    CONFIGURED,
    /** A Testcontainers {@code redis:7} container. */
    CONTAINER,
    /** A {@code redis-server} child process. */
    LOCAL_PROCESS
  }

  static final long DOCKER_PROBE_SECONDS = 5;
  static final String REQUIRED_IN_CI = "Redis required in CI: set REDIS_URL or install redis-server";

  private static final Logger LOG = LoggerFactory.getLogger(TestRedis.class);

  private final String uri;
  private final Source source;
  private final AutoCloseable owned;

  TestRedis(String uri, Source source, AutoCloseable owned) {
    this.uri = uri;
    this.source = source;
    this.owned = owned;
  }

  /**
   * Resolves a Redis in the documented order.
   *
   * @return the Redis; close it when done
   * @throws IllegalStateException if none is available and {@code CI=true}
   * @throws org.opentest4j.TestAbortedException if none is available elsewhere (the test is skipped)
   */
  public static TestRedis resolve() {
    return resolve(new Sources(System.getenv(), System.getProperty("redis.url"), TestRedis::dockerAvailable,
        ContainerRedis::start, () -> RedisServerProcess.findBinary().isPresent(), TestRedis::localProcess));
  }

  /**
   * Starts a {@link RedisServerProcess} for a test that must kill, pause or restart Redis; without a
   * {@code redis-server} binary the test fails if {@code CI=true} and is skipped elsewhere.
   *
   * @param extraArgs more server arguments
   * @return the running server; close it when done
   */
  public static RedisServerProcess startServer(String... extraArgs) {
    if (RedisServerProcess.findBinary().isEmpty()) {
      unavailable(System.getenv(), "this test needs a redis-server binary (PATH or REDIS_SERVER)");
    }
    return RedisServerProcess.start(extraArgs);
  }

  /**
   * Starts a TLS-only {@link RedisServerProcess} with the given certificates; without a {@code
   * redis-server} binary the test fails if {@code CI=true} and is skipped elsewhere.
   *
   * @param certificates the server's certificate, key and CA
   * @param extraArgs more server arguments
   * @return the running server, at {@code rediss://127.0.0.1:<port>}; close it when done
   */
  public static RedisServerProcess startTlsServer(TestCertificates certificates, String... extraArgs) {
    if (RedisServerProcess.findBinary().isEmpty()) {
      unavailable(System.getenv(), "this test needs a redis-server binary (PATH or REDIS_SERVER)");
    }
    return RedisServerProcess.startTls(certificates, extraArgs);
  }

  /** Returns the URI to connect to, such as {@code redis://127.0.0.1:6379}. */
  public String uri() {
    return uri;
  }

  /** Returns where this Redis came from. */
  public Source source() {
    return source;
  }

  /** Stops the container or process this instance started; leaves a configured server running. */
  @Override
  public void close() {
    if (owned == null) {
      return;
    }
    try {
      owned.close();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop " + this, e);
    }
  }

  /** Returns the source and the URI, its password masked. */
  @Override
  public String toString() {
    return "TestRedis[" + source + ", " + masked(uri) + "]";
  }

  static TestRedis resolve(Sources sources) {
    String configured = firstNonBlank(sources.env().get("REDIS_URL"), sources.redisUrlProperty());
    if (configured != null) {
      return chosen(new TestRedis(configured, Source.CONFIGURED, null), "REDIS_URL / -Dredis.url");
    }
    if (sources.dockerAvailable().getAsBoolean()) {
      return chosen(sources.startContainer().get(), "Docker is available");
    }
    if (sources.redisServerInstalled().getAsBoolean()) {
      return chosen(sources.startLocalProcess().get(), "no REDIS_URL, no Docker engine");
    }
    unavailable(sources.env(), "no REDIS_URL, no Docker engine and no redis-server binary");
    throw new AssertionError("unreachable");
  }

  /**
   * Fails the test if {@code CI=true}, else skips it, saying why a fixture cannot run.
   *
   * @param env the environment variables
   * @param why what is missing
   */
  static void unavailable(Map<String, String> env, String why) {
    if ("true".equalsIgnoreCase(env.get("CI"))) {
      throw new IllegalStateException(REQUIRED_IN_CI + " (" + why + ")");
    }
    LOG.warn("Skipping Redis integration test: {}", why);
    Assumptions.abort("Redis not available (" + why + "); set REDIS_URL or install redis-server");
  }

  private static TestRedis chosen(TestRedis redis, String why) {
    LOG.info("Redis for integration tests: {} at {} ({})", redis.source, masked(redis.uri), why);
    return redis;
  }

  private static TestRedis localProcess() {
    RedisServerProcess server = RedisServerProcess.start();
    return new TestRedis(server.uri(), Source.LOCAL_PROCESS, server);
  }

  private static boolean dockerAvailable() {
    FutureTask<Boolean> probe = new FutureTask<>(ContainerRedis::dockerAvailable);
    Thread thread = new Thread(probe, "docker-probe");
    thread.setDaemon(true);
    thread.start();
    try {
      return probe.get(DOCKER_PROBE_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      LOG.info("No answer from Docker within {} s: not using Testcontainers", DOCKER_PROBE_SECONDS);
      probe.cancel(true);
      return false;
    } catch (ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String masked(String uri) {
    try {
      return RedisStoreConfig.of(uri).maskedUri();
    } catch (IllegalArgumentException e) {
      return "(an unparseable URI)";
    }
  }

  private static String firstNonBlank(String first, String second) {
    return Optional.ofNullable(first).filter(s -> !s.isBlank())
        .orElse(second == null || second.isBlank() ? null : second);
  }

  /**
   * What {@link #resolve(Sources)} consults, replaceable in tests of the resolution itself.
   *
   * @param env the environment variables
   * @param redisUrlProperty the value of {@code -Dredis.url}, or null
   * @param dockerAvailable whether a Docker engine answers
   * @param startContainer starts a container
   * @param redisServerInstalled whether a redis-server binary exists
   * @param startLocalProcess starts a redis-server process
   */
  record Sources(Map<String, String> env, String redisUrlProperty, BooleanSupplier dockerAvailable,
      Supplier<TestRedis> startContainer, BooleanSupplier redisServerInstalled, Supplier<TestRedis> startLocalProcess) {}
}
