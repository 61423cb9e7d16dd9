package dev.tokenmanager.redis;

import dev.tokenmanager.core.error.StoreUnavailableException;
import dev.tokenmanager.core.error.TokenException;
import dev.tokenmanager.core.model.TokenKey;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
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
 * Owns the Lettuce resources, client and the one shared connection of a store, and connects in the
 * background: creating it never fails or blocks because Redis is down. While the first attempt is
 * under way, {@link #commands} waits for it, at most the connect timeout; after a failed attempt it
 * fails at once; attempts repeat with the reconnect delay (full jitter, 50 ms
 * to 2 s). Once connected, Lettuce's auto-reconnect keeps the connection and rejects commands while
 * it is down.
 *
 * <p>No lock is held during I/O; the callbacks run on Lettuce threads and never block.
 */
final class RedisConnector implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RedisConnector.class);
  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);

  private final String description;
  private final Redactor redactor;
  private final RedisURI redisUri;
  private final ClientResources resources;
  private final RedisClient client;
  private final Object lock = new Object();
  // Completed by the outcome of the first connect attempt: the first operations of a new store wait
  // for it (bounded by the connect timeout) instead of failing while the connection is being made.
  private final CompletableFuture<Void> firstAttempt = new CompletableFuture<>();
  private final long firstAttemptWaitMillis;

  private volatile StatefulRedisConnection<String, String> connection;
  private volatile Throwable lastFailure;
  private volatile boolean closed;
  private boolean connecting;
  private int failedAttempts;

  private RedisConnector(RedisStoreConfig config) {
    this.description = config.maskedUri();
    this.redactor = Redactor.of(config);
    this.redisUri = LettuceSettings.redisUri(config);
    this.resources = LettuceSettings.clientResources();
    this.client = RedisClient.create(resources);
    this.firstAttemptWaitMillis = config.connectTimeout().toMillis() + 250;
    client.setOptions(LettuceSettings.clientOptions(config));
  }

  /** Creates the connector and starts connecting in the background. */
  static RedisConnector start(RedisStoreConfig config) {
    RedisConnector connector = new RedisConnector(config);
    connector.connect();
    return connector;
  }

  /**
   * Returns the commands of the shared connection.
   *
   * @throws StoreUnavailableException at once if the store is closed or not connected yet
   */
  RedisCommands<String, String> commands(TokenKey key, String operation) {
    StatefulRedisConnection<String, String> current = connection;
    if (closed) {
      throw new StoreUnavailableException(key, "Redis " + operation + " refused: the store for " + description
          + " is closed", null);
    }
    if (current != null) {
      return current.sync();
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
        return current.sync();
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
  <T> T call(TokenKey key, String operation, Function<RedisCommands<String, String>, T> command) {
    RedisCommands<String, String> commands = commands(key, operation);
    try {
      return command.apply(commands);
    } catch (TokenException e) {
      throw e;
    } catch (RuntimeException e) {
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
    StatefulRedisConnection<String, String> current;
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
        current.close();
      }
    } catch (RuntimeException e) {
      LOG.debug("Closing the Redis connection to {} failed: {}", description, redactor.describe(e));
    }
    try {
      client.shutdown(Duration.ZERO, SHUTDOWN_TIMEOUT);
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
      client.connectAsync(StringCodec.UTF8, redisUri).whenComplete(this::connected);
    } catch (RuntimeException e) {
      connected(null, e);
    }
  }

  private void connected(StatefulRedisConnection<String, String> established, Throwable failure) {
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
      established.closeAsync();
    }
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
