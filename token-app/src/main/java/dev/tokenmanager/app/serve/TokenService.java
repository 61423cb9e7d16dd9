package dev.tokenmanager.app.serve;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.tokenmanager.app.AccountsModule;
import dev.tokenmanager.app.AppResources;
import dev.tokenmanager.app.ClockModule;
import dev.tokenmanager.app.EventsModule;
import dev.tokenmanager.app.ManagerModule;
import dev.tokenmanager.app.StoreModule;
import dev.tokenmanager.app.config.AccountSettings;
import dev.tokenmanager.app.config.ServeSettings;
import dev.tokenmanager.core.RefreshPolicy;
import dev.tokenmanager.core.TokenHealth;
import dev.tokenmanager.core.TokenManager;
import dev.tokenmanager.core.TokenPool;
import dev.tokenmanager.core.error.TokenException;
import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.model.TokenKey;
import dev.tokenmanager.core.port.Clock;
import dev.tokenmanager.redis.RedisStoreConfig;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The central token service: one manager for every configured app (and every slot of an app's pool),
 * kept warm in the background, with health, metrics and recent events for the HTTP endpoints.
 */
public final class TokenService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TokenService.class);

  /**
   * One token the service keeps: an app's slot.
   *
   * @param account the app's name
   * @param slot the slot number
   * @param key the token key
   */
  public record Served(String account, int slot, TokenKey key) {}

  private final ServeSettings settings;
  private final Clock clock;
  private final Injector injector;
  private final TokenManager manager;
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final RecentEvents events = new RecentEvents(50);
  private final Map<String, TokenPool> pools = new LinkedHashMap<>();
  private final List<Served> served = new ArrayList<>();
  private final ScheduledExecutorService keeper = Executors.newSingleThreadScheduledExecutor(task -> {
    Thread thread = new Thread(task, "token-keeper");
    thread.setDaemon(true);
    return thread;
  });

  private TokenService(ServeSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    List<TokenKey> single = settings.accounts().stream().filter(a -> a.slots() == 1).map(AccountSettings::key).toList();
    this.injector = Guice.createInjector(ClockModule.of(clock),
        new EventsModule(new MetricsListener(registry).andThen(events)),
        new AccountsModule(settings.accounts()),
        StoreModule.of(settings.store()),
        new ManagerModule(single, RefreshPolicy.defaults()).recordingStats());
    this.manager = injector.getInstance(TokenManager.class);
    for (AccountSettings account : settings.accounts()) {
      if (account.slots() > 1) {
        TokenPool pool = manager.pool(account.key(), account.slots(), TokenPool.Assignment.STABLE);
        pools.put(account.name(), pool);
        pool.slots().forEach(slot -> served.add(new Served(account.name(), slot.index(), slot.key())));
      } else {
        served.add(new Served(account.name(), 0, account.key()));
      }
    }
    served.forEach(this::registerMeters);
  }

  /**
   * Starts the service: builds the managers and begins keeping every token fresh.
   *
   * @param settings the apps and the store
   * @param clock the clock
   * @return the running service
   */
  public static TokenService start(ServeSettings settings, Clock clock) {
    TokenService service = new TokenService(settings, clock);
    service.keeper.scheduleWithFixedDelay(service::keepWarm, 0, 2, TimeUnit.SECONDS);
    return service;
  }

  /** Returns every token the service keeps, in configuration order. */
  public List<Served> served() {
    return served;
  }

  /** Returns the store's description (masked Redis URI or {@code memory}). */
  public String storeDescription() {
    return settings.store().redis().map(RedisStoreConfig::maskedUri).orElse("memory")
        + (settings.store().failover().isPresent() ? " (failover " + settings.store().failover().get().maskedUri() + ")" : "")
        + (settings.store().encryption().isPresent() ? " (sealed)" : "");
  }

  /** Returns the configured app names. */
  public List<String> accounts() {
    return settings.accounts().stream().map(AccountSettings::name).toList();
  }

  /** Returns the health of every served token. */
  public Map<Served, TokenHealth> health() {
    Map<Served, TokenHealth> health = new LinkedHashMap<>();
    served.forEach(s -> health.put(s, manager.health(s.key())));
    return health;
  }

  /** Returns whether every served token can be handed out now. */
  public boolean healthy() {
    return health().values().stream().allMatch(TokenHealth::serving);
  }

  /**
   * Returns a valid token of an app: the only or first slot, a given slot, or the slot a job id hashes to.
   *
   * @param account the app's name; may be empty when exactly one app is configured
   * @param slot the slot, or null
   * @param job a job id, or null
   * @return the token
   * @throws UnknownTokenException if the app or slot is unknown
   * @throws TokenException if no valid token can be had
   */
  public AccessToken token(Optional<String> account, Integer slot, String job) {
    String name = account.orElseGet(() -> settings.accounts().size() == 1 ? settings.accounts().get(0).name() : null);
    AccountSettings app = settings.accounts().stream().filter(a -> a.name().equals(name)).findFirst()
        .orElseThrow(() -> new UnknownTokenException("unknown_account"));
    TokenPool pool = pools.get(app.name());
    if (pool == null) {
      if (slot != null && slot != 0) {
        throw new UnknownTokenException("unknown_slot");
      }
      return manager.token(app.key());
    }
    if (slot != null) {
      if (slot < 0 || slot >= pool.size()) {
        throw new UnknownTokenException("unknown_slot");
      }
      return pool.slots().get(slot).token();
    }
    return job != null ? pool.token(job) : pool.slots().get(0).token();
  }

  /** A request named an app or a slot the service does not keep. */
  public static final class UnknownTokenException extends RuntimeException {
    private final String error;

    UnknownTokenException(String error) {
      super(error, null, false, false);
      this.error = error;
    }

    /** Returns the error code for the answer: {@code unknown_account} or {@code unknown_slot}. */
    public String error() {
      return error;
    }
  }

  /** Returns the Prometheus scrape of every meter. */
  public String scrape() {
    return registry.scrape();
  }

  /** Returns the recent events, newest first. */
  public List<dev.tokenmanager.core.event.TokenEvent> recentEvents() {
    return events.newestFirst();
  }

  /** Returns the service's clock. */
  public Clock clock() {
    return clock;
  }

  /** Stops keeping tokens warm and closes the manager, the token sources and the store, in that order. */
  @Override
  public void close() {
    keeper.shutdownNow();
    AppResources.close(injector);
  }

  /** Asks for every token that is not being served and whose next attempt is due; failures are logged by events. */
  private void keepWarm() {
    for (Served s : served) {
      TokenHealth health = manager.health(s.key());
      boolean due = health.nextAttemptAt() == null || clock.millis() >= health.nextAttemptAt().toEpochMilli();
      if (!health.serving() && due) {
        try {
          manager.token(s.key());
        } catch (TokenException e) {
          LOG.debug("{} slot {} has no token yet: {}", s.account(), s.slot(), e.getMessage());
        } catch (RuntimeException e) {
          LOG.warn("keeping {} warm failed: {}", s.key(), e.toString());
        }
      }
    }
  }

  private void registerMeters(Served s) {
    String key = s.key().toString();
    Gauge.builder("token_seconds_to_expiry", manager, m -> m.health(s.key()).remaining().toMillis() / 1000.0)
        .tag("key", key).tag("account", s.account()).register(registry);
    Gauge.builder("token_store_degraded", manager, m -> m.health(s.key()).mode() == TokenHealth.Mode.DEGRADED ? 1 : 0)
        .tag("key", key).tag("account", s.account()).register(registry);
    Gauge.builder("token_serving", manager, m -> m.health(s.key()).serving() ? 1 : 0)
        .tag("key", key).tag("account", s.account()).register(registry);
    FunctionCounter.builder("token_cache_hits", manager, m -> m.memoryHits(s.key()))
        .tag("key", key).tag("layer", "memory").register(registry);
  }
}
