package dev.tokenmanager.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.model.MintBackoff;
import dev.tokenmanager.core.model.TokenKey;
import dev.tokenmanager.core.port.Clock;
import dev.tokenmanager.core.port.TokenStore;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A {@link TokenStore} in this process's memory, on Caffeine: the per-process fallback when the
 * shared store fails, the store of a single process, and the store tests use instead of Redis.
 *
 * <p>Each entry expires at its own token's {@code expiresAt}, as told by the core {@link Clock} (which
 * also drives Caffeine's ticker, so tests move time instead of sleeping). Save-if-newer,
 * evict-if-same and the lease are atomic per key. Never fails: memory is always reachable.
 */
public final class CaffeineTokenStore implements TokenStore {

  /** The default bound on the number of keys held. */
  public static final long DEFAULT_MAXIMUM_KEYS = 10_000;

  private final Clock clock;
  private final Cache<TokenKey, AccessToken> tokens;
  private final Cache<TokenKey, Timed<String>> leases;
  private final Cache<TokenKey, Timed<MintBackoff>> backoffs;

  private CaffeineTokenStore(Clock clock, long maximumKeys) {
    this.clock = clock;
    this.tokens = Caffeine.newBuilder()
        .ticker(this::nanos)
        .executor(Runnable::run)
        .maximumSize(maximumKeys)
        .expireAfter(Expiry.<TokenKey, AccessToken>writing((key, token) -> remaining(token.expiresAtMillis())))
        .build();
    this.leases = timedCache(maximumKeys);
    this.backoffs = timedCache(maximumKeys);
  }

  /**
   * Creates an empty store holding at most {@value #DEFAULT_MAXIMUM_KEYS} keys.
   *
   * @param clock the clock that decides expiry
   * @return the store
   */
  public static CaffeineTokenStore create(Clock clock) {
    return create(clock, DEFAULT_MAXIMUM_KEYS);
  }

  /**
   * Creates an empty store.
   *
   * @param clock the clock that decides expiry
   * @param maximumKeys the most keys held at once (least recently used go first), at least 1
   * @return the store
   * @throws IllegalArgumentException if maximumKeys is below 1
   */
  public static CaffeineTokenStore create(Clock clock, long maximumKeys) {
    Objects.requireNonNull(clock, "clock");
    if (maximumKeys < 1) {
      throw new IllegalArgumentException("maximumKeys must be at least 1, but was " + maximumKeys);
    }
    return new CaffeineTokenStore(clock, maximumKeys);
  }

  @Override
  public Optional<AccessToken> load(TokenKey key) {
    AccessToken token = tokens.getIfPresent(key);
    return token != null && token.expiresAtMillis() > clock.millis() ? Optional.of(token) : Optional.empty();
  }

  @Override
  public AccessToken saveIfNewer(TokenKey key, AccessToken token) {
    long now = clock.millis();
    if (token.expiresAtMillis() <= now) {
      return token;
    }
    return tokens.asMap().compute(key, (k, stored) ->
        stored != null && stored.expiresAtMillis() > now && stored.expiresAtMillis() >= token.expiresAtMillis()
            ? stored
            : token);
  }

  @Override
  public boolean evictIfSame(TokenKey key, AccessToken expected) {
    return tokens.asMap().remove(key, expected);
  }

  @Override
  public boolean tryAcquireLease(TokenKey key, String owner, Duration ttl) {
    long now = clock.millis();
    Timed<String> mine = new Timed<>(owner, now + ttl.toMillis());
    return leases.asMap().compute(key, (k, held) -> held != null && held.until > now ? held : mine) == mine;
  }

  @Override
  public boolean releaseLease(TokenKey key, String owner) {
    long now = clock.millis();
    boolean[] released = new boolean[1];
    leases.asMap().computeIfPresent(key, (k, held) -> {
      if (held.until > now && held.value.equals(owner)) {
        released[0] = true;
        return null;
      }
      return held;
    });
    return released[0];
  }

  @Override
  public Optional<MintBackoff> loadBackoff(TokenKey key) {
    Timed<MintBackoff> entry = backoffs.getIfPresent(key);
    return entry != null && entry.until > clock.millis() ? Optional.of(entry.value) : Optional.empty();
  }

  @Override
  public void saveBackoff(TokenKey key, MintBackoff backoff, Duration ttl) {
    backoffs.put(key, new Timed<>(backoff, clock.millis() + ttl.toMillis()));
  }

  @Override
  public void clearBackoff(TokenKey key) {
    backoffs.invalidate(key);
  }

  @Override
  public String describe() {
    return "memory";
  }

  @Override
  public void close() {
    tokens.invalidateAll();
    leases.invalidateAll();
    backoffs.invalidateAll();
  }

  @Override
  public String toString() {
    return "CaffeineTokenStore[keys=" + tokens.estimatedSize() + "]";
  }

  private long nanos() {
    return TimeUnit.MILLISECONDS.toNanos(clock.millis());
  }

  private Duration remaining(long untilMillis) {
    return Duration.ofMillis(Math.max(0, untilMillis - clock.millis()));
  }

  private <V> Cache<TokenKey, Timed<V>> timedCache(long maximumKeys) {
    return Caffeine.newBuilder()
        .ticker(this::nanos)
        .executor(Runnable::run)
        .maximumSize(maximumKeys)
        .expireAfter(Expiry.<TokenKey, Timed<V>>writing((key, timed) -> remaining(timed.until)))
        .build();
  }

  /** A value that holds until an epoch-millisecond time. */
  private record Timed<V>(V value, long until) {}
}
