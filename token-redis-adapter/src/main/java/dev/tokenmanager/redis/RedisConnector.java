package dev.tokenmanager.redis;

import dev.tokenmanager.core.error.StoreUnavailableException;
import dev.tokenmanager.core.error.TokenException;
import dev.tokenmanager.core.model.TokenKey;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisReadOnlyException;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the Lettuce resources, the client of the deployment (standalone, Sentinel or cluster) and the
 * one shared connection of a store, and connects in the background: creating it never fails or
 * blocks because Redis is down. While the first attempt is under way, {@link #call} waits for it, at
 * most the connect timeout; after a failed attempt it fails at once; attempts repeat with the
 * reconnect delay (full jitter, 50 ms to 2 s). Once connected, Lettuce's auto-reconnect keeps the
 * connection and rejects commands while it is down.
 *
 * <p>A server that answers {@code READONLY} is a replica now (a failover happened and this connection
 * did not follow it): the connection is dropped and built again, which finds the current master,
 * while operations fail fast meanwhile.
 *
 * <p>No lock is held during I/O; the callbacks run on Lettuce threads and never block.
 */
final class RedisConnector implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RedisConnector.class);
  static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);

  private final String description;
  private final Redactor redactor;
  private final ClientResources resources;
  private final RedisDeployment deployment;
  private final Object lock = new Object();
  // Completed by the outcome of the first connect attempt: the first operations of a new store wait
  // for it (bounded by the connect timeout) instead of failing while the connection is being made.
  private final CompletableFuture<Void> firstAttempt = new CompletableFuture<>();
  private final long firstAttemptWaitMillis;

  private volatile SharedConnection connection;
  private volatile Throwable lastFailure;
  private volatile boolean closed;
  private boolean connecting;
  private int failedAttempts;

  private RedisConnector(RedisStoreConfig config) {
    this.description = config.maskedUri();
    this.redactor = Redactor.of(config);
    this.resources = LettuceSettings.clientResources();
    this.deployment = RedisDeployment.of(config, resources);
    this.firstAttemptWaitMillis = config.connectTimeout().toMillis() + 250;
  }

  /** Creates the connector and starts connecting in the background. */
  static RedisConnector start(RedisStoreConfig config) {
    RedisConnector connector = new RedisConnector(config);
    connector.connect();
    return connector;
  }

  /**
   * Returns the shared connection.
   *
   * @throws StoreUnavailableException at once if the store is closed or not connected yet
   */
  private SharedConnection link(TokenKey key, String operation) {
    SharedConnection current = connection;
    if (closed) {
      throw new StoreUnavailableException(key, "Redis " + operation + " refused: the store for " + description
          + " is closed", null);
    }
    if (current != null) {
      return current;
    }
    if (!firstAttempt.isDone()) {
      try {
        firstAttempt.get(firstAttemptWaitMillis, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        // fall through: report the store as unreachable below
      }
      current = connection;
      if (current != null && !closed) {
        return current;
      }
    }
    Throwable failure = lastFailure;
    throw new StoreUnavailableException(key, "Redis " + operation + " refused: not connected to " + description
        + " yet" + (failure == null ? " (connecting)" : "; last attempt failed: " + redactor.describe(failure)), failure);
  }

  /**
   * Runs commands on the shared connection, translating every driver or server failure.
   *
   * @throws StoreUnavailableException if not connected, or the command fails or times out; the
   *     message names the operation and the redacted failure, the cause is kept
   */
  <T> T call(TokenKey key, String operation, Function<RedisClusterCommands<String, RedisValue>, T> command) {
    return call(key, operation, command, null);
  }

  /**
   * Runs commands on the shared connection like {@link #call(TokenKey, String, Function)}, but hands a
   * failure whose outcome is unknown (no error reply from the server: a timeout, a lost or refused
   * connection) to {@code ifOutcomeUnknown} instead of failing. An error reply means the command did
   * not run, so it fails as usual.
   */
  <T> T call(TokenKey key, String operation, Function<RedisClusterCommands<String, RedisValue>, T> command,
      Function<RuntimeException, T> ifOutcomeUnknown) {
    SharedConnection current = link(key, operation);
    try {
      return command.apply(current.commands());
    } catch (TokenException e) {
      throw e;
    } catch (RuntimeException e) {
      deployment.commandFailed(e);
      if (ifOutcomeUnknown != null && !(e instanceof RedisCommandExecutionException)) {
        return ifOutcomeUnknown.apply(e);
      }
      if (isReadOnly(e)) {
        rebuild(current);
      }
      throw unavailable(key, operation, e);
    }
  }

  /** Returns the store error for a failed operation: redacted message, cause kept. */
  StoreUnavailableException unavailable(TokenKey key, String operation, RuntimeException failure) {
    return new StoreUnavailableException(key,
        "Redis " + operation + " failed on " + description + ": " + redactor.describe(failure), failure);
  }

  /** Closes the connection, then the client, then the resources (and their threads). Idempotent. */
  @Override
  public void close() {
    SharedConnection current;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      current = connection;
      connection = null;
    }
    try {
      if (current != null) {
        current.connection().close();
      }
    } catch (RuntimeException e) {
      LOG.debug("Closing the Redis connection to {} failed: {}", description, redactor.describe(e));
    }
    try {
      deployment.shutdown();
    } catch (RuntimeException e) {
      LOG.debug("Shutting down the Redis client for {} failed: {}", description, redactor.describe(e));
    }
    resources.shutdown(0, SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .awaitUninterruptibly(SHUTDOWN_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
  }

  private void connect() {
    synchronized (lock) {
      if (closed || connecting || connection != null) {
        return;
      }
      connecting = true;
    }
    try {
      deployment.connect().whenComplete(this::connected);
    } catch (RuntimeException e) {
      connected(null, e);
    }
  }

  private void connected(SharedConnection established, Throwable failure) {
    if (failure != null) {
      retryLater(failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure);
      return;
    }
    boolean keep;
    synchronized (lock) {
      connecting = false;
      keep = !closed;
      if (keep) {
        connection = established;
        lastFailure = null;
        failedAttempts = 0;
      }
    }
    firstAttempt.complete(null);
    if (keep) {
      LOG.info("Connected to Redis at {}", description);
    } else {
      established.connection().closeAsync();
    }
  }

  /**
   * Drops a connection that reached a replica and connects again, unless it was replaced already.
   * Commands fail fast until the new connection stands.
   */
  private void rebuild(SharedConnection failed) {
    synchronized (lock) {
      if (closed || connection != failed) {
        return;
      }
      connection = null;
    }
    LOG.warn("Redis at {} answered READONLY (a replica now): reconnecting to find the master", description);
    failed.connection().closeAsync();
    connect();
  }

  private static boolean isReadOnly(RuntimeException failure) {
    return failure instanceof RedisReadOnlyException
        || (failure instanceof RedisCommandExecutionException && failure.getMessage() != null
            && failure.getMessage().startsWith("READONLY"));
  }

  private void retryLater(Throwable failure) {
    int attempt;
    synchronized (lock) {
      connecting = false;
      lastFailure = failure;
      attempt = ++failedAttempts;
    }
    firstAttempt.complete(null);
    if (closed) {
      return;
    }
    long delayMillis = Math.max(1, resources.reconnectDelay().createDelay(attempt).toMillis());
    if (attempt == 1) {
      LOG.warn("Cannot connect to Redis at {} ({}); retrying in the background", description,
          redactor.describe(failure));
    } else {
      LOG.debug("Connect attempt {} to Redis at {} failed ({}); next in {} ms", attempt, description,
          redactor.describe(failure), delayMillis);
    }
    try {
      resources.eventExecutorGroup().schedule(this::connect, delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      LOG.debug("Not retrying to connect to {}: the store is closing", description);
    }
  }
}
