package dev.tokenmanager.redis;

import dev.tokenmanager.core.TokenManager;
import dev.tokenmanager.core.event.TokenEvent;
import dev.tokenmanager.core.event.TokenEventListener;
import dev.tokenmanager.core.model.TokenKey;
import dev.tokenmanager.core.port.Clock;
import dev.tokenmanager.core.testing.InMemoryTokenStore;
import dev.tokenmanager.core.testing.ScriptedTokenSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * A small fleet in one JVM for failover tests: token managers on the real clock, each with its own
 * {@link RedisTokenStore} (timed) and its own in-process fallback store, sharing one token source
 * that mints short-lived tokens, so that refreshes, leases and fenced writes keep hitting Redis; and
 * caller threads that loop {@code token()} until {@link #close()}, counting every failure.
 */
final class FleetUnderLoad implements AutoCloseable {

  /** Tokens live this long, so a refresh (at 50 to 75 % of the life) happens every few seconds. */
  static final Duration TOKEN_LIFETIME = Duration.ofSeconds(6);
  private static final long CALL_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  private final Clock clock = Clock.system();
  private final ScriptedTokenSource source = new ScriptedTokenSource(clock).lifetime(TOKEN_LIFETIME);
  private final List<TimedStore> stores = new ArrayList<>();
  private final List<TokenManager> managers = new ArrayList<>();
  private final List<Thread> callers = new ArrayList<>();
  private final List<TokenEvent> events = new CopyOnWriteArrayList<>();
  private final List<String> failures = new CopyOnWriteArrayList<>();
  private final LongAdder calls = new LongAdder();
  private final AtomicLong slowestCallNanos = new AtomicLong();
  private volatile boolean running = true;

  private FleetUnderLoad(RedisStoreConfig config, int managerCount, int callersPerManager, TokenKey key) {
    TokenEventListener listener = events::add;
    for (int m = 0; m < managerCount; m++) {
      TimedStore store = new TimedStore(RedisTokenStore.create(config, clock, listener));
      stores.add(store);
      TokenManager manager = TokenManager.builder(source, store).key(key).clock(clock).listener(listener)
          .fallbackStore(new InMemoryTokenStore(clock))
          .storeCircuitOpenFor(Duration.ofMillis(300)).storeProbeInterval(Duration.ofMillis(300))
          .leaseTtl(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
          .instanceId("manager-" + m).build();
      managers.add(manager);
      for (int c = 0; c < callersPerManager; c++) {
        Thread caller = new Thread(() -> loop(manager), "caller-" + m + "-" + c);
        caller.setDaemon(true);
        callers.add(caller);
      }
    }
  }

  /** Starts the fleet and its callers; every store must connect first (checked by the caller). */
  static FleetUnderLoad start(RedisStoreConfig config, int managerCount, int callersPerManager, TokenKey key) {
    FleetUnderLoad fleet = new FleetUnderLoad(config, managerCount, callersPerManager, key);
    fleet.stores.forEach(store -> StoreAwait.awaitWorking(store, Duration.ofSeconds(30)));
    fleet.callers.forEach(Thread::start);
    return fleet;
  }

  long calls() {
    return calls.sum();
  }

  List<String> failures() {
    return List.copyOf(failures);
  }

  Duration slowestCall() {
    return Duration.ofNanos(slowestCallNanos.get());
  }

  Duration slowestStoreOperation() {
    return stores.stream().map(TimedStore::slowest).max(Duration::compareTo).orElse(Duration.ZERO);
  }

  String slowestStoreOperationName() {
    return stores.stream().max((a, b) -> a.slowest().compareTo(b.slowest())).map(TimedStore::slowestName)
        .orElse("none");
  }

  long storeOperations() {
    return stores.stream().mapToLong(TimedStore::operations).sum();
  }

  long unavailableStoreOperations() {
    return stores.stream().mapToLong(TimedStore::unavailable).sum();
  }

  int minted() {
    return source.minted();
  }

  /** Returns the events of one type the managers and stores reported so far. */
  <E extends TokenEvent> List<E> events(Class<E> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** Stops the callers (waiting for them), then closes the managers and the stores. */
  @Override
  public void close() throws InterruptedException {
    running = false;
    for (Thread caller : callers) {
      caller.join(TimeUnit.SECONDS.toMillis(15));
      if (caller.isAlive()) {
        failures.add(caller.getName() + " still running 15 s after the stop");
      }
    }
    managers.forEach(TokenManager::close);
    stores.forEach(TimedStore::close);
  }

  private void loop(TokenManager manager) {
    while (running) {
      long start = System.nanoTime();
      try {
        manager.token();
        calls.increment();
      } catch (RuntimeException e) {
        failures.add(Thread.currentThread().getName() + ": " + e);
      }
      slowestCallNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
      LockSupport.parkNanos(CALL_PAUSE_NANOS);
    }
  }
}
