package dev.tokenmanager.app.demo;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import dev.tokenmanager.app.AppResources;
import dev.tokenmanager.app.ClockModule;
import dev.tokenmanager.app.EventsModule;
import dev.tokenmanager.app.ManagerModule;
import dev.tokenmanager.app.StoreModule;
import dev.tokenmanager.app.ZoomModule;
import dev.tokenmanager.app.sandbox.SandboxSettings;
import dev.tokenmanager.app.sandbox.ZoomSandbox;
import dev.tokenmanager.app.worker.Worker;
import dev.tokenmanager.core.RefreshPolicy;
import dev.tokenmanager.core.TokenHealth;
import dev.tokenmanager.core.TokenManager;
import dev.tokenmanager.core.error.TokenException;
import dev.tokenmanager.core.event.TokenEventListener;
import dev.tokenmanager.core.model.TokenKey;
import dev.tokenmanager.core.port.Clock;
import dev.tokenmanager.core.port.TokenStore;
import dev.tokenmanager.memory.CaffeineTokenStore;
import dev.tokenmanager.redis.RedisStoreConfig;
import dev.tokenmanager.redis.RedisTokenStore;
import dev.tokenmanager.zoom.ZoomConfig;
import dev.tokenmanager.zoom.ZoomCredentials;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The demo: a Zoom-like sandbox minting short-lived tokens, several token managers (standing for
 * separate processes) sharing one store, and job threads that take a token and call the sandbox's API
 * in a loop. It shows the fleet minting once per rotation and no job ever holding a token the API
 * refuses.
 */
public final class Demo {

  private final DemoOptions options;
  private final Consumer<String> out;
  private final Clock clock = Clock.system();
  private final List<Worker> workers = new ArrayList<>();
  private volatile boolean timedOut;

  private Demo(DemoOptions options, Consumer<String> out) {
    this.options = options;
    this.out = out;
  }

  /**
   * Runs the demo to its end.
   *
   * @param options how to run
   * @param out where progress lines go (one per second)
   * @return what it measured
   * @throws IOException if the sandbox cannot start
   * @throws InterruptedException if interrupted while jobs run
   */
  public static DemoReport run(DemoOptions options, Consumer<String> out) throws IOException, InterruptedException {
    return new Demo(options, out).run();
  }

  private DemoReport run() throws IOException, InterruptedException {
    SandboxSettings defaults = SandboxSettings.defaults().withTokenLifetime(options.tokenLifetime());
    SandboxSettings settings = options.clientSecret()
        .map(secret -> defaults.withCredentials(defaults.accountId(), defaults.clientId(), secret)).orElse(defaults);
    try (ZoomSandbox sandbox = ZoomSandbox.start(settings, clock)) {
      String base = sandbox.baseUrl().toString();
      ZoomConfig zoom = ZoomConfig.of(base).withDefaultApiUrl(base);
      ZoomCredentials credentials = new ZoomCredentials(settings.accountId(), settings.clientId(), settings.clientSecret());
      TokenKey key = zoom.keyFor(credentials);
      Optional<RedisStoreConfig> redis = reachableRedis(key);
      String store = redis.map(RedisStoreConfig::maskedUri).orElse("memory");
      out.accept("sandbox: " + base + " (tokens live " + options.tokenLifetime().toSeconds() + " s)");
      out.accept("store: " + store + (redis.isPresent() ? " (one connection per manager)" : " (one shared in-process store)"));

      List<Module> parentModules = new ArrayList<>(List.of(ClockModule.of(clock),
          new EventsModule(TokenEventListener.noop()), new ZoomModule(zoom, List.of(credentials))));
      if (redis.isEmpty()) {
        parentModules.add(StoreModule.instance(CaffeineTokenStore.create(clock)));
      }
      Injector parent = Guice.createInjector(parentModules);
      List<Injector> processes = new ArrayList<>();
      List<TokenManager> managers = new ArrayList<>();
      for (int i = 0; i < options.managers(); i++) {
        List<Module> modules = new ArrayList<>(List.of(new ManagerModule(List.of(key), RefreshPolicy.defaults())));
        redis.ifPresent(config -> modules.add(StoreModule.redis(config)));
        Injector process = parent.createChildInjector(modules);
        processes.add(process);
        managers.add(process.getInstance(TokenManager.class));
      }
      try {
        long elapsed = runJobs(managers, key, sandbox);
        return new DemoReport(calls(), sandbox.mints(), rotations(), sandbox.apiRejected(), failures(), store,
            options.managers(), options.managers() * options.jobsPerManager(), Duration.ofMillis(minRemaining()),
            Duration.ofMillis(elapsed));
      } finally {
        processes.forEach(AppResources::close);
        AppResources.close(parent);
      }
    }
  }

  /** Runs one worker per manager (its job threads call the sandbox's API), reporting once a second. */
  private long runJobs(List<TokenManager> managers, TokenKey key, ZoomSandbox sandbox) throws InterruptedException {
    Worker.Options jobOptions = new Worker.Options(options.jobsPerManager(), options.duration(), options.pause(), true);
    for (TokenManager manager : managers) {
      workers.add(new Worker(manager, clock, jobOptions, line -> { }));
    }
    ExecutorService runners = Executors.newFixedThreadPool(workers.size(), daemon("demo-worker"));
    ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(daemon("demo-progress"));
    long started = clock.millis();
    progress.scheduleAtFixedRate(() -> report(managers.get(0), key, sandbox, started), 1, 1, TimeUnit.SECONDS);
    List<Future<?>> running = new ArrayList<>();
    for (Worker worker : workers) {
      running.add(runners.submit(() -> {
        worker.run();
        return null;
      }));
    }
    try {
      for (Future<?> run : running) {
        run.get(options.duration().toMillis() + 60_000, TimeUnit.MILLISECONDS);
      }
    } catch (ExecutionException | TimeoutException e) {
      timedOut = true;
      out.accept("jobs did not finish in time: " + e);
    } finally {
      progress.shutdownNow();
      runners.shutdownNow();
    }
    return clock.millis() - started;
  }

  private long calls() {
    return workers.stream().mapToLong(Worker::calls).sum();
  }

  private long failures() {
    return workers.stream().mapToLong(Worker::failures).sum() + (timedOut ? 1 : 0);
  }

  private int rotations() {
    Set<String> tokens = new HashSet<>();
    workers.forEach(worker -> tokens.addAll(worker.tokensSeen()));
    return Math.max(0, tokens.size() - 1);
  }

  private long minRemaining() {
    long min = workers.stream().mapToLong(Worker::minRemainingMillis).min().orElse(Long.MAX_VALUE);
    return min == Long.MAX_VALUE ? 0 : min;
  }

  private void report(TokenManager manager, TokenKey key, ZoomSandbox sandbox, long started) {
    TokenHealth health = manager.health(key);
    out.accept(String.format("%4ds  calls=%-8d minted=%-3d rotations=%-3d api_rejected=%-3d failures=%-3d token=%s remaining=%ds mode=%s",
        (clock.millis() - started) / 1000, calls(), sandbox.mints(), rotations(), sandbox.apiRejected(), failures(),
        health.fingerprint(), health.remaining().toSeconds(), health.mode()));
  }

  private Optional<RedisStoreConfig> reachableRedis(TokenKey probeKey) {
    if (options.redis().isEmpty()) {
      return Optional.empty();
    }
    RedisStoreConfig config = options.redis().get();
    try (TokenStore probe = RedisTokenStore.create(config, clock, TokenEventListener.noop())) {
      probe.load(probeKey);
      return Optional.of(config);
    } catch (TokenException e) {
      out.accept("Redis at " + config.maskedUri() + " is unreachable (" + e.getMessage() + "); using memory instead");
      return Optional.empty();
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
