package dev.tokenmanager.redis;

import dev.tokenmanager.core.error.StoreUnavailableException;
import dev.tokenmanager.core.event.TokenEvent;
import dev.tokenmanager.core.event.TokenEventListener;
import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.model.MintBackoff;
import dev.tokenmanager.core.model.TokenKey;
import dev.tokenmanager.core.port.Clock;
import dev.tokenmanager.core.port.TokenStore;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The shared {@link TokenStore} on Redis, through one Lettuce connection: the fleet's central token
 * cache, refresh lease and backoff record. It works against one server, a Sentinel-managed master
 * or a Redis Cluster, with or without TLS, as {@link RedisStoreConfig} describes.
 *
 * <p>Keys and values follow the layout and the versioned JSON format documented in the package
 * description. Save-if-newer, evict-if-same and the lease release are constant Lua scripts (run with
 * {@code EVALSHA}, and with {@code EVAL} once after the server lost its script cache); the lease is
 * {@code SET NX PX}. The store-side time to live of a token is its remaining life on the store's
 * {@link Clock}; every expiry decision on read uses that clock too.
 *
 * <p>Creating the store never fails because Redis is down: it connects in the background and keeps
 * trying. Every Redis call is bounded by the command timeout (an operation makes one call, except that
 * {@code tryAcquireLease} reads the lease back after an unknown outcome and {@code EVALSHA} falls back
 * to {@code EVAL} once). While Redis cannot be reached every operation throws {@link
 * StoreUnavailableException} at once (or after the timeout if Redis hangs), and works again as soon
 * as Redis is back, without rebuilding the store. During a Sentinel or cluster failover operations
 * fail the same way until the connection reaches the new master. An unreadable value under one of the
 * store's keys is reported as {@link TokenEvent.StoreValueRejected} and treated as absent.
 */
public final class RedisTokenStore implements TokenStore {

  private static final int SAVE_ATTEMPTS = 3;

  private final RedisStoreConfig config;
  private final Clock clock;
  private final TokenEventListener listener;
  private final RedisKeys keys;
  private final RedisConnector connector;

  private RedisTokenStore(RedisStoreConfig config, Clock clock, TokenEventListener listener) {
    this.config = config;
    this.clock = clock;
    this.listener = listener;
    this.keys = new RedisKeys(config.keyPrefix());
    this.connector = RedisConnector.start(config);
  }

  /**
   * Creates the store and starts connecting to Redis in the background. Does not wait for Redis and
   * does not fail while it is down.
   *
   * @param config where and how to reach Redis
   * @param clock the clock for time to live and expiry decisions
   * @param listener receives {@link TokenEvent.StoreValueRejected} events
   * @return the store; close it to release its connection and threads
   * @throws NullPointerException if an argument is null
   */
  public static RedisTokenStore create(RedisStoreConfig config, Clock clock, TokenEventListener listener) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(listener, "listener");
    return new RedisTokenStore(config, clock, listener);
  }

  /**
   * {@inheritDoc}
   *
   * <p>An unreadable value is reported as {@link TokenEvent.StoreValueRejected} and treated as absent.
   */
  @Override
  public Optional<AccessToken> load(TokenKey key) {
    Objects.requireNonNull(key, "key");
    return read(key, "load", keys.token(key), ValueCodec::decodeToken)
        .filter(token -> token.expiresAtMillis() > clock.millis());
  }

  /**
   * {@inheritDoc}
   *
   * <p>An unreadable stored value counts as absent and is overwritten.
   */
  @Override
  public AccessToken saveIfNewer(TokenKey key, AccessToken token) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(token, "token");
    long ttl = token.expiresAtMillis() - clock.millis();
    if (ttl <= 0) {
      return token;
    }
    String name = keys.token(key);
    String value = ValueCodec.encodeToken(token);
    String unreadable = "";
    for (int attempt = 0; attempt < SAVE_ATTEMPTS; attempt++) {
      String[] args = {value, Long.toString(token.expiresAtMillis()), Long.toString(ttl), unreadable};
      String stored = connector.call(key, "saveIfNewer",
          commands -> StoreScripts.SAVE_IF_NEWER.run(commands, ScriptOutputType.VALUE, name, args));
      if (stored == null) {
        return token;
      }
      Decoded<AccessToken> decoded = ValueCodec.decodeToken(stored);
      if (decoded.isAccepted()) {
        return decoded.value();
      }
      // the script judged the value readable, this reader does not: replace exactly that value
      reject(key, name, decoded.reason());
      unreadable = stored;
    }
    throw new StoreUnavailableException(key,
        "Redis saveIfNewer gave up: " + name + " kept holding values this reader rejects", null);
  }

  @Override
  public boolean evictIfSame(TokenKey key, AccessToken expected) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(expected, "expected");
    String name = keys.token(key);
    Long removed = connector.call(key, "evictIfSame",
        commands -> StoreScripts.EVICT_IF_SAME.run(commands, ScriptOutputType.INTEGER, name, expected.value()));
    return removed != null && removed == 1L;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Buffered commands are never replayed after a reconnect, so when the outcome of the {@code SET
   * NX} is unknown (timeout, connection lost) the lease is read back: held by this owner means
   * acquired. An error reply (such as {@code READONLY} from a demoted master) means it did not run.
   *
   * @throws IllegalArgumentException if the ttl is below 1 ms
   */
  @Override
  public boolean tryAcquireLease(TokenKey key, String owner, Duration ttl) {
    Objects.requireNonNull(key, "key");
    requireNotEmpty(owner);
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.toMillis() < 1) {
      throw new IllegalArgumentException("ttl must be at least 1 ms, but was " + ttl);
    }
    String name = keys.lease(key);
    return connector.call(key, "tryAcquireLease",
        commands -> "OK".equals(commands.set(name, RedisValue.of(owner), SetArgs.Builder.nx().px(ttl.toMillis()))),
        unknownOutcome -> readBackLease(key, name, owner, unknownOutcome));
  }

  /**
   * Decides a lease acquisition whose outcome is unknown by reading the lease: ours means acquired,
   * another owner's means refused; an empty lease or a failed read leaves the store unavailable.
   */
  private boolean readBackLease(TokenKey key, String name, String owner, RuntimeException unknownOutcome) {
    String holder = connector.call(key, "tryAcquireLease (reading the lease back)",
        commands -> RedisValue.textOf(commands.get(name)));
    if (holder == null) {
      throw connector.unavailable(key, "tryAcquireLease", unknownOutcome);
    }
    return holder.equals(owner);
  }

  @Override
  public boolean releaseLease(TokenKey key, String owner) {
    Objects.requireNonNull(key, "key");
    requireNotEmpty(owner);
    String name = keys.lease(key);
    Long removed = connector.call(key, "releaseLease",
        commands -> StoreScripts.RELEASE_LEASE.run(commands, ScriptOutputType.INTEGER, name, owner));
    return removed != null && removed == 1L;
  }

  /**
   * {@inheritDoc}
   *
   * <p>An unreadable record is reported as {@link TokenEvent.StoreValueRejected} and treated as absent.
   */
  @Override
  public Optional<MintBackoff> loadBackoff(TokenKey key) {
    Objects.requireNonNull(key, "key");
    return read(key, "loadBackoff", keys.backoff(key), ValueCodec::decodeBackoff);
  }

  /** Reads and decodes one value; an absent value is empty, an unreadable one is reported and empty. */
  private <T> Optional<T> read(TokenKey key, String operation, String name, Function<String, Decoded<T>> decoder) {
    String raw = connector.call(key, operation, commands -> readString(commands, key, name));
    if (raw == null) {
      return Optional.empty();
    }
    Decoded<T> decoded = decoder.apply(raw);
    if (!decoded.isAccepted()) {
      reject(key, name, decoded.reason());
      return Optional.empty();
    }
    return Optional.of(decoded.value());
  }

  /**
   * {@inheritDoc}
   *
   * <p>A ttl below 1 ms means the record would lapse at once: the record is removed instead.
   */
  @Override
  public void saveBackoff(TokenKey key, MintBackoff backoff, Duration ttl) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.toMillis() < 1) {
      clearBackoff(key);
      return;
    }
    String name = keys.backoff(key);
    String value = ValueCodec.encodeBackoff(backoff);
    connector.call(key, "saveBackoff", commands -> commands.set(name, RedisValue.of(value), SetArgs.Builder.px(ttl.toMillis())));
  }

  @Override
  public void clearBackoff(TokenKey key) {
    Objects.requireNonNull(key, "key");
    String name = keys.backoff(key);
    connector.call(key, "clearBackoff", commands -> commands.del(name));
  }

  /**
   * Returns the Redis URI with any password masked, such as {@code redis://tm:****@10.0.0.5:6379/0}.
   *
   * @return the masked URI
   */
  @Override
  public String describe() {
    return config.maskedUri();
  }

  /**
   * Closes the connection, then the client, then its thread pools. Idempotent; afterwards every
   * operation throws {@link StoreUnavailableException}.
   */
  @Override
  public void close() {
    connector.close();
  }

  /** Returns a text with the masked URI and the key prefix. */
  @Override
  public String toString() {
    return "RedisTokenStore[" + describe() + ", keyPrefix=" + config.keyPrefix() + "]";
  }

  /** Reads a string key; a key of another Redis type is reported and read as absent. */
  private String readString(RedisClusterCommands<String, RedisValue> commands, TokenKey key, String name) {
    try {
      return RedisValue.textOf(commands.get(name));
    } catch (RedisCommandExecutionException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("WRONGTYPE")) {
        reject(key, name, "the key holds a Redis type other than a string");
        return null;
      }
      throw e;
    }
  }

  private void reject(TokenKey key, String name, String reason) {
    try {
      listener.onEvent(new TokenEvent.StoreValueRejected(clock.now(), key, "value at " + name + " rejected: " + reason));
    } catch (RuntimeException ignored) {
      // a listener must not break the store
    }
  }

  private static void requireNotEmpty(String owner) {
    if (owner == null || owner.isEmpty()) {
      throw new IllegalArgumentException("owner must not be empty, but was " + (owner == null ? "null" : "''"));
    }
  }
}
