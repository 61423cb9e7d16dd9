package dev.tokenmanager.core;

import dev.tokenmanager.core.error.TokenException;
import dev.tokenmanager.core.event.TokenEventListener;
import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.model.TokenKey;
import dev.tokenmanager.core.port.Clock;
import dev.tokenmanager.core.port.TokenSource;
import dev.tokenmanager.core.port.TokenStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Hands out valid access tokens without making callers wait for the network.
 *
 * <p>Each key's token lives in memory and is served by one volatile read and one clock comparison
 * (FRESH). Past its jittered refresh point (STALE) it is still served while a single background
 * refresh, shared by the whole process, first adopts a newer token another process stored, and only
 * otherwise takes the store's refresh lease and mints. Past its hard deadline (EXPIRED) it is never
 * handed out: callers wait, at most {@code maxWait}, for the refresh. A refresh that fails leaves the
 * current token in service until its hard deadline and is retried with exponential backoff and full
 * jitter, shared with the fleet through the store. When the store fails, the manager keeps working
 * from its own token and mints on its own.
 *
 * <p>Thread-safe. Create one per process with {@link #builder(TokenSource, TokenStore)}, share it, and
 * {@link #close()} it on shutdown; closing does not close the source or the store.
 */
public final class TokenManager implements AutoCloseable {

  private final Context ctx;
  private final TokenKey defaultKey;
  private final KeyState defaultState;
  private final Map<TokenKey, KeyState> states = new ConcurrentHashMap<>();
  private final ExecutorService ownedExecutor;
  private volatile boolean closed;

  private TokenManager(Builder b) {
    ExecutorService owned = null;
    java.util.concurrent.Executor executor = b.executor;
    if (executor == null) {
      owned = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "token-refresh");
        thread.setDaemon(true);
        return thread;
      });
      executor = owned;
    }
    this.ownedExecutor = owned;
    Clock clock = b.clock == null ? Clock.system() : b.clock;
    this.ctx = new Context(b.source, b.store, new StoreGuard(b.store, b.fallbackStore, clock, b.storeCircuitOpenFor),
        clock, b.listener, executor,
        b.refreshPolicy, b.retryPolicy, b.maxWait, b.leaseTtl, b.pollInterval, b.storeProbeInterval, b.random,
        b.instanceId, b.recordStats, b.invalidationCooldown);
    for (TokenKey key : b.keys) {
      states.put(key, new KeyState(key, ctx, null));
    }
    this.defaultKey = b.keys.isEmpty() ? null : b.keys.get(0);
    this.defaultState = defaultKey == null ? null : states.get(defaultKey);
  }

  /**
   * Starts building a manager.
   *
   * @param source where new tokens come from
   * @param store where tokens are shared (Redis for a fleet, memory for one process or tests)
   * @return the builder
   */
  public static Builder builder(TokenSource source, TokenStore store) {
    return new Builder(source, store);
  }

  /**
   * Returns a valid token for the default key (the first key given to the builder). On the hot path
   * this neither blocks, locks nor allocates.
   *
   * @return a token valid for at least the policy's minimum remaining life
   * @throws TokenException if no valid token can be had within {@code maxWait}, or the last refresh
   *     failed and the next attempt is not due yet (a typed error saying why)
   * @throws IllegalStateException if the builder was given no key
   */
  public AccessToken token() {
    return defaultState().token(0);
  }

  /**
   * Returns a token for the default key that stays valid for at least {@code minRemaining}, refreshing
   * first if the current one would not (other callers keep being served meanwhile).
   *
   * @param minRemaining the validity the caller needs, such as a batch job's duration
   * @return the token
   * @throws TokenException if no such token can be had
   */
  public AccessToken token(Duration minRemaining) {
    return defaultState().token(minRemaining.toMillis());
  }

  /**
   * Returns a valid token for a key.
   *
   * @param key the key; keys not given to the builder are added on first use
   * @return the token
   * @throws TokenException if no valid token can be had
   */
  public AccessToken token(TokenKey key) {
    return state(key).token(0);
  }

  /**
   * Returns a token for a key that stays valid for at least {@code minRemaining}.
   *
   * @param key the key
   * @param minRemaining the validity the caller needs
   * @return the token
   * @throws TokenException if no such token can be had
   */
  public AccessToken token(TokenKey key, Duration minRemaining) {
    return state(key).token(minRemaining.toMillis());
  }

  /**
   * Reports that an API rejected a token (Zoom: HTTP 401 with code 124). If it is still the current
   * token of the key, it is evicted here and from the store (only if the store still holds that very
   * token) and one refresh starts; a late report on an older token changes nothing, so many reports
   * of one token cause one mint. A rejection of the successor within the invalidation cooldown
   * (default 30 s) is ignored too: the API then rejects fresh tokens as well, and minting more would
   * not help.
   *
   * @param key the key the token was issued for
   * @param rejected the token the API rejected
   * @return whether the token was still current and has been evicted
   */
  public boolean invalidate(TokenKey key, AccessToken rejected) {
    return state(key).invalidate(Objects.requireNonNull(rejected, "rejected"));
  }

  /**
   * Reports that an API rejected a token of the default key; see {@link #invalidate(TokenKey, AccessToken)}.
   *
   * @param rejected the token the API rejected
   * @return whether the token was still current and has been evicted
   */
  public boolean invalidate(AccessToken rejected) {
    return defaultState().invalidate(Objects.requireNonNull(rejected, "rejected"));
  }

  /**
   * Creates a pool of several live tokens for one account: slots {@code base.withSlot(0)} to
   * {@code base.withSlot(size - 1)}, each rotating on its own staggered schedule (see {@link TokenPool}).
   * After the first rotation no two slots' tokens expire within a period over {@code size} of each
   * other (about 13 minutes for four slots of one-hour tokens).
   *
   * @param base the account's key (its slot is ignored)
   * @param size the number of slots, 1 to 64
   * @param assignment how jobs are spread over the slots
   * @return the pool
   * @throws IllegalArgumentException if the size is out of range
   * @throws IllegalStateException if a slot key is already in use without this pool's schedule
   */
  public TokenPool pool(TokenKey base, int size, TokenPool.Assignment assignment) {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(assignment, "assignment");
    if (size < 1 || size > 64) {
      throw new IllegalArgumentException("pool size must be between 1 and 64, but was " + size);
    }
    List<KeyState> slots = new java.util.ArrayList<>();
    for (int i = 0; i < size; i++) {
      SlotSchedule schedule = new SlotSchedule(i, size);
      KeyState state = states.computeIfAbsent(base.withSlot(i), k -> new KeyState(k, ctx, schedule));
      if (!schedule.equals(state.schedule())) {
        throw new IllegalStateException("key " + state.key + " is already in use outside a pool of " + size);
      }
      slots.add(state);
    }
    return new TokenPool(slots, assignment);
  }

  /**
   * Returns the state of one key.
   *
   * @param key the key
   * @return its health snapshot
   */
  public TokenHealth health(TokenKey key) {
    return state(key).health();
  }

  /**
   * Returns the state of every key this manager knows, in no particular order.
   *
   * @return the health snapshots by key
   */
  public Map<TokenKey, TokenHealth> health() {
    Map<TokenKey, TokenHealth> result = new LinkedHashMap<>();
    states.forEach((key, state) -> result.put(key, state.health()));
    return result;
  }

  /**
   * Returns how many calls for a key were served from memory without any further work (FRESH), if
   * the builder asked to {@link Builder#recordStats() record statistics}; 0 otherwise.
   *
   * @param key the key
   * @return the number of hot-path hits
   */
  public long memoryHits(TokenKey key) {
    KeyState state = states.get(key);
    return state == null ? 0 : state.hits();
  }

  /** Returns the default key, or null if the builder was given none. */
  public TokenKey defaultKey() {
    return defaultKey;
  }

  /**
   * Stops background refreshes, fails waiting callers and shuts down the manager's own threads.
   * Does not close the source or the store. Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    states.values().forEach(KeyState::close);
    if (ownedExecutor != null) {
      ownedExecutor.shutdownNow();
    }
  }

  private KeyState defaultState() {
    if (defaultState == null) {
      throw new IllegalStateException("no default key: give the builder a key, or call token(key)");
    }
    return defaultState;
  }

  private KeyState state(TokenKey key) {
    Objects.requireNonNull(key, "key");
    KeyState state = states.get(key);
    if (state == null) {
      if (closed) {
        throw new IllegalStateException("the token manager is closed");
      }
      state = states.computeIfAbsent(key, k -> new KeyState(k, ctx, null));
    }
    return state;
  }

  /** Builds a {@link TokenManager}; every setting has a default but the source and the store. */
  public static final class Builder {
    private final TokenSource source;
    private final TokenStore store;
    private final List<TokenKey> keys = new java.util.ArrayList<>();
    private Clock clock;
    private TokenStore fallbackStore;
    private Duration storeCircuitOpenFor = Duration.ofSeconds(2);
    private TokenEventListener listener = TokenEventListener.noop();
    private java.util.concurrent.Executor executor;
    private RefreshPolicy refreshPolicy = RefreshPolicy.defaults();
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private Duration maxWait = Duration.ofSeconds(10);
    private Duration leaseTtl = Duration.ofSeconds(15);
    private Duration pollInterval = Duration.ofMillis(50);
    private Duration storeProbeInterval = Duration.ofSeconds(5);
    private java.util.function.DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
    private String instanceId = java.util.UUID.randomUUID().toString();
    private boolean recordStats;
    private Duration invalidationCooldown = Duration.ofSeconds(30);

    private Builder(TokenSource source, TokenStore store) {
      this.source = Objects.requireNonNull(source, "source");
      this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Adds a key; the first one is the default key of {@link TokenManager#token()}.
     *
     * @param key the key
     * @return this builder
     */
    public Builder key(TokenKey key) {
      keys.add(Objects.requireNonNull(key, "key"));
      return this;
    }

    /**
     * Sets an in-process store (such as a {@code CaffeineTokenStore}) that takes over leases, backoff
     * records and tokens while the shared store fails (default: none; the manager then keeps only its
     * own current token). Token writes to the shared store are copied to it.
     *
     * @param value the fallback store
     * @return this builder
     */
    public Builder fallbackStore(TokenStore value) {
      this.fallbackStore = Objects.requireNonNull(value, "fallbackStore");
      return this;
    }

    /**
     * Sets how long the shared store is left alone after it failed, before one operation probes it
     * again (default 2 s). Meanwhile store operations cost nothing: they go to the fallback or are
     * skipped.
     *
     * @param value the open time of the store's circuit, greater than 0
     * @return this builder
     */
    public Builder storeCircuitOpenFor(Duration value) {
      this.storeCircuitOpenFor = positive("storeCircuitOpenFor", value);
      return this;
    }

    /**
     * Sets the clock (default: {@link Clock#system()}).
     *
     * @param value the clock
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Sets the event listener (default: none).
     *
     * @param value the listener
     * @return this builder
     */
    public Builder listener(TokenEventListener value) {
      this.listener = Objects.requireNonNull(value, "listener");
      return this;
    }

    /**
     * Sets the executor that runs refreshes (default: the manager's own daemon threads, at most one
     * busy per key). The manager never shuts down an executor it was given.
     *
     * @param value the executor
     * @return this builder
     */
    public Builder executor(java.util.concurrent.Executor value) {
      this.executor = Objects.requireNonNull(value, "executor");
      return this;
    }

    /**
     * Sets when tokens are refreshed (default: {@link RefreshPolicy#defaults()}).
     *
     * @param value the policy
     * @return this builder
     */
    public Builder refreshPolicy(RefreshPolicy value) {
      this.refreshPolicy = Objects.requireNonNull(value, "refreshPolicy");
      return this;
    }

    /**
     * Sets how failed mints are retried (default: {@link RetryPolicy#defaults()}).
     *
     * @param value the policy
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy value) {
      this.retryPolicy = Objects.requireNonNull(value, "retryPolicy");
      return this;
    }

    /**
     * Sets how long a caller without a valid token waits for one (default 10 s).
     *
     * @param value the wait, greater than 0
     * @return this builder
     */
    public Builder maxWait(Duration value) {
      this.maxWait = positive("maxWait", value);
      return this;
    }

    /**
     * Sets how long the refresh lease lasts if its holder dies (default 15 s). Keep it above the
     * token source's worst-case request time.
     *
     * @param value the lease time to live, greater than 0
     * @return this builder
     */
    public Builder leaseTtl(Duration value) {
      this.leaseTtl = positive("leaseTtl", value);
      return this;
    }

    /**
     * Sets how often a process that waits for another's refresh looks into the store (default 50 ms).
     *
     * @param value the interval, greater than 0
     * @return this builder
     */
    public Builder pollInterval(Duration value) {
      this.pollInterval = positive("pollInterval", value);
      return this;
    }

    /**
     * Sets how often a degraded manager checks whether the store answers again (default 5 s).
     *
     * @param value the interval, greater than 0
     * @return this builder
     */
    public Builder storeProbeInterval(Duration value) {
      this.storeProbeInterval = positive("storeProbeInterval", value);
      return this;
    }

    /**
     * Sets the source of uniform draws in [0, 1) used for jitter (default: {@link ThreadLocalRandom});
     * simulations pass a seeded one.
     *
     * @param value the source of draws
     * @return this builder
     */
    public Builder random(java.util.function.DoubleSupplier value) {
      this.random = Objects.requireNonNull(value, "random");
      return this;
    }

    /**
     * Sets the identity of this process in lease values (default: a random UUID).
     *
     * @param value the identity, not blank
     * @return this builder
     */
    public Builder instanceId(String value) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException("instanceId must not be blank, but was " + value);
      }
      this.instanceId = value;
      return this;
    }

    /**
     * Sets how long after an invalidation a rejection of the successor is ignored (default 30 s):
     * when an API rejects a freshly minted token too, minting again would not help, so the rejection
     * surfaces to the caller instead of causing a mint per rejected request.
     *
     * @param value the cooldown, greater than 0
     * @return this builder
     */
    public Builder invalidationCooldown(Duration value) {
      this.invalidationCooldown = positive("invalidationCooldown", value);
      return this;
    }

    /**
     * Counts hot-path hits per key for {@link TokenManager#memoryHits(TokenKey)} (default off: the
     * hot path then does nothing but read memory and the clock). Costs a striped counter increment.
     *
     * @return this builder
     */
    public Builder recordStats() {
      this.recordStats = true;
      return this;
    }

    /**
     * Builds the manager. Nothing is fetched until the first call (or {@link TokenManager#token()}).
     *
     * @return the manager
     */
    public TokenManager build() {
      return new TokenManager(this);
    }

    private static Duration positive(String name, Duration value) {
      if (value == null || value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be greater than 0, but was " + value);
      }
      return value;
    }
  }
}
