package dev.tokenmanager.core;

import dev.tokenmanager.core.error.StoreUnavailableException;
import dev.tokenmanager.core.event.TokenEvent;
import dev.tokenmanager.core.event.TokenEventListener;
import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.model.MintBackoff;
import dev.tokenmanager.core.model.TokenKey;
import dev.tokenmanager.core.port.Clock;
import dev.tokenmanager.core.port.TokenStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A {@link TokenStore} over several stores in order of preference, such as Redis in the home region,
 * Redis in another region, then process memory; it uses the first one that works and skips a dead one
 * without waiting for its timeout on every call.
 *
 * <p><b>Health.</b> A store that throws {@link StoreUnavailableException} is skipped for {@code
 * retryAfter}; then one call at a time probes it (the others keep skipping it), and the first answer
 * makes it healthy again. So a dead store costs one failed call per {@code retryAfter}, not one per
 * call. Other exceptions are not failures of the store and reach the caller unchanged.
 *
 * <p><b>Reads</b> ({@code load}, {@code loadBackoff}) ask the first healthy store; if it fails, the
 * next one, and so on. An empty answer is an answer: a store that came back empty is not read through.
 *
 * <p><b>Writes</b> ({@code saveIfNewer}, {@code evictIfSame}, {@code saveBackoff}, {@code clearBackoff})
 * go to every healthy store, in order. The first store that answers is the <em>primary</em> of the call
 * and its answer is returned. {@code saveIfNewer} stays fenced everywhere: the primary decides the
 * winner, and each later store is given that winner with save-if-newer too, so no store ever goes back
 * to an older token, and a store that already holds a later one keeps it. A later store that fails is
 * marked and skipped; the write still succeeds.
 *
 * <p><b>Leases</b> are a decision of one store: {@code tryAcquireLease} asks the first healthy store
 * only, and {@code releaseLease} goes back to the store that granted that owner's lease (if that store
 * is being skipped, the lease is left to lapse by itself and the call returns {@code false}).
 *
 * <p>When no store answers, every operation throws {@link StoreUnavailableException}, and the manager
 * degrades as for a single store. Optionally reports {@link TokenEvent.StoreDegraded} when a store
 * starts failing and {@link TokenEvent.StoreRecovered} when it answers again, both with a null key.
 * Thread-safe if the stores are.
 */
public final class FailoverTokenStore implements TokenStore {

  private final Clock clock;
  private final List<FailoverMember> members;
  private final ConcurrentHashMap<LeaseId, Grant> grants = new ConcurrentHashMap<>();

  private FailoverTokenStore(Clock clock, List<FailoverMember> members) {
    this.clock = clock;
    this.members = members;
  }

  /**
   * Creates a failover store that reports nothing.
   *
   * @param clock times how long a failed store is skipped
   * @param retryAfter how long a store is skipped after it failed, before one call probes it; above 0
   * @param stores the stores, most preferred first; at least one, each given once
   * @return the failover store; closing it closes every store
   * @throws IllegalArgumentException if {@code retryAfter} is not positive, or {@code stores} is
   *     empty, holds null or holds one store twice
   * @throws NullPointerException if {@code clock} is null
   */
  public static FailoverTokenStore of(Clock clock, Duration retryAfter, TokenStore... stores) {
    return of(clock, retryAfter, TokenEventListener.noop(), stores == null ? null : Arrays.asList(stores));
  }

  /**
   * Creates a failover store that reports when a store starts failing and when it answers again.
   *
   * @param clock times how long a failed store is skipped, and dates events
   * @param retryAfter how long a store is skipped after it failed, before one call probes it; above 0
   * @param listener receives {@link TokenEvent.StoreDegraded} and {@link TokenEvent.StoreRecovered},
   *     with a null key
   * @param stores the stores, most preferred first; at least one, each given once
   * @return the failover store; closing it closes every store
   * @throws IllegalArgumentException if {@code retryAfter} is not positive, or {@code stores} is
   *     empty, holds null or holds one store twice
   * @throws NullPointerException if {@code clock} or {@code listener} is null
   */
  public static FailoverTokenStore of(Clock clock, Duration retryAfter, TokenEventListener listener,
      List<TokenStore> stores) {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(listener, "listener");
    if (retryAfter == null || retryAfter.isNegative() || retryAfter.isZero()) {
      throw new IllegalArgumentException("retryAfter must be greater than 0, but was " + retryAfter);
    }
    if (stores == null || stores.isEmpty()) {
      throw new IllegalArgumentException("stores must hold at least one store, but was " + stores);
    }
    List<FailoverMember> members = new ArrayList<>();
    for (int i = 0; i < stores.size(); i++) {
      TokenStore store = stores.get(i);
      if (store == null) {
        throw new IllegalArgumentException("stores[" + i + "] must not be null");
      }
      for (int j = 0; j < i; j++) {
        if (stores.get(j) == store) {
          throw new IllegalArgumentException("stores[" + i + "] is the same store as stores[" + j + "]: "
              + store.describe());
        }
      }
      members.add(new FailoverMember(store, i, clock, retryAfter, listener));
    }
    return new FailoverTokenStore(clock, List.copyOf(members));
  }

  /** {@inheritDoc} Read from the first healthy store. */
  @Override
  public Optional<AccessToken> load(TokenKey key) {
    return first(key, "load", store -> store.load(key)).value;
  }

  /** {@inheritDoc} The primary's winner is offered, fenced, to every later healthy store. */
  @Override
  public AccessToken saveIfNewer(TokenKey key, AccessToken token) {
    Answer<AccessToken> primary = first(key, "saveIfNewer", store -> store.saveIfNewer(key, token));
    AccessToken winner = primary.value;
    after(primary, store -> store.saveIfNewer(key, winner));
    return winner;
  }

  /** {@inheritDoc} Sent to every healthy store; returns the primary's answer. */
  @Override
  public boolean evictIfSame(TokenKey key, AccessToken expected) {
    Answer<Boolean> primary = first(key, "evictIfSame", store -> store.evictIfSame(key, expected));
    after(primary, store -> store.evictIfSame(key, expected));
    return primary.value;
  }

  /** {@inheritDoc} Asks the first healthy store only, and remembers which one granted the lease. */
  @Override
  public boolean tryAcquireLease(TokenKey key, String owner, Duration ttl) {
    Answer<Boolean> answer = first(key, "tryAcquireLease", store -> store.tryAcquireLease(key, owner, ttl));
    long now = clock.millis();
    grants.values().removeIf(grant -> grant.until < now);
    if (answer.value) {
      grants.put(new LeaseId(key, owner), new Grant(answer.member, now + ttl.toMillis()));
    }
    return answer.value;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Goes to the store that granted this owner's lease; if that store is being skipped, returns
   * {@code false} at once and the lease lapses by itself. A lease this instance did not grant is
   * released on the first healthy store.
   */
  @Override
  public boolean releaseLease(TokenKey key, String owner) {
    Grant grant = grants.remove(new LeaseId(key, owner));
    if (grant == null) {
      return first(key, "releaseLease", store -> store.releaseLease(key, owner)).value;
    }
    FailoverMember member = grant.member;
    FailoverMember.Admission admission = member.admit();
    if (admission == FailoverMember.Admission.SKIP) {
      return false;
    }
    return member.call(admission, store -> store.releaseLease(key, owner));
  }

  /** {@inheritDoc} Read from the first healthy store. */
  @Override
  public Optional<MintBackoff> loadBackoff(TokenKey key) {
    return first(key, "loadBackoff", store -> store.loadBackoff(key)).value;
  }

  /** {@inheritDoc} Sent to every healthy store. */
  @Override
  public void saveBackoff(TokenKey key, MintBackoff backoff, Duration ttl) {
    Function<TokenStore, Void> save = store -> {
      store.saveBackoff(key, backoff, ttl);
      return null;
    };
    after(first(key, "saveBackoff", save), save);
  }

  /** {@inheritDoc} Sent to every healthy store. */
  @Override
  public void clearBackoff(TokenKey key) {
    Function<TokenStore, Void> clear = store -> {
      store.clearBackoff(key);
      return null;
    };
    after(first(key, "clearBackoff", clear), clear);
  }

  /**
   * Returns the stores' descriptions in order, failing ones marked, such as {@code
   * failover[redis://a:6379 (failing), redis://b:6379, in-memory]}.
   *
   * @return the description
   */
  @Override
  public String describe() {
    return members.stream().map(FailoverMember::describe).collect(Collectors.joining(", ", "failover[", "]"));
  }

  /** Closes every store, even if closing one fails; the first failure is thrown at the end. */
  @Override
  public void close() {
    RuntimeException first = null;
    for (FailoverMember member : members) {
      try {
        member.store.close();
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /** Returns {@link #describe()}. */
  @Override
  public String toString() {
    return describe();
  }

  /** Runs an operation on the first member that answers, marking the ones that fail on the way. */
  private <T> Answer<T> first(TokenKey key, String operation, Function<TokenStore, T> call) {
    StoreUnavailableException last = null;
    int failed = 0;
    for (FailoverMember member : members) {
      FailoverMember.Admission admission = member.admit();
      if (admission == FailoverMember.Admission.SKIP) {
        continue;
      }
      try {
        return new Answer<>(member.call(admission, call), member);
      } catch (StoreUnavailableException e) {
        last = e;
        failed++;
      }
    }
    throw new StoreUnavailableException(key, "failover: no store answered " + operation + " (" + members.size()
        + " stores: " + failed + " failed now, " + (members.size() - failed) + " skipped after a recent failure)",
        last);
  }

  /** Runs a write on every healthy member after the primary; a failure marks the member and is absorbed. */
  private <T> void after(Answer<?> primary, Function<TokenStore, T> call) {
    for (FailoverMember member : members.subList(primary.member.position + 1, members.size())) {
      FailoverMember.Admission admission = member.admit();
      if (admission == FailoverMember.Admission.SKIP) {
        continue;
      }
      try {
        member.call(admission, call);
      } catch (StoreUnavailableException e) {
        // marked as failing; the write already stands on the primary
      }
    }
  }

  private record Answer<T>(T value, FailoverMember member) {}

  private record LeaseId(TokenKey key, String owner) {}

  private record Grant(FailoverMember member, long until) {}
}
