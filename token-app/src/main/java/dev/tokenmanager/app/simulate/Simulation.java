package dev.tokenmanager.app.simulate;

import dev.tokenmanager.app.sandbox.SandboxSettings;
import dev.tokenmanager.app.sandbox.ZoomSandbox;
import dev.tokenmanager.core.RefreshPolicy;
import dev.tokenmanager.core.TokenHealth;
import dev.tokenmanager.core.TokenManager;
import dev.tokenmanager.core.error.TokenException;
import dev.tokenmanager.core.event.TokenEvent;
import dev.tokenmanager.core.event.TokenEventListener;
import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.model.TokenKey;
import dev.tokenmanager.core.port.TokenStore;
import dev.tokenmanager.core.port.VirtualClock;
import dev.tokenmanager.memory.CaffeineTokenStore;
import dev.tokenmanager.redis.RedisStoreConfig;
import dev.tokenmanager.redis.RedisTokenStore;
import dev.tokenmanager.zoom.ZoomConfig;
import dev.tokenmanager.zoom.ZoomCredentials;
import dev.tokenmanager.zoom.ZoomTokenSource;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A fleet in virtual time: N token managers (standing for N processes, each with its own fallback)
 * over one shared store, minting from the Zoom-like sandbox over real HTTP, all on one virtual clock
 * that advances a second at a time. Callers ask for tokens at a steady pace; faults switch the store
 * or the endpoint off for a while. Everything runs on one thread, so a day takes seconds and a seed
 * repeats a run exactly.
 */
public final class Simulation {

  private static final Duration STEP = Duration.ofSeconds(1);

  private final SimulationOptions options;
  private final Consumer<String> out;
  private final VirtualClock clock = VirtualClock.at(Instant.parse("2026-01-01T00:00:00Z"));
  private final long start = clock.millis();
  private final List<Long> mintIssueTimes = new ArrayList<>();
  private final RefreshPolicy policy;
  private long calls;
  private long blocked;
  private long coldStartWaits;
  private long failures;
  private long belowMinRemaining;

  private Simulation(SimulationOptions options, Consumer<String> out) {
    this.options = options;
    this.out = out;
    this.policy = options.refreshPolicy();
  }

  /**
   * Runs a simulation to its end.
   *
   * @param options how to run
   * @param out where one progress line per simulated hour goes
   * @return what it measured
   * @throws IOException if the sandbox cannot start
   */
  public static SimulationReport run(SimulationOptions options, Consumer<String> out) throws IOException {
    return new Simulation(options, out).run();
  }

  private SimulationReport run() throws IOException {
    long realStart = System.nanoTime();
    SandboxSettings settings = SandboxSettings.defaults().withTokenLifetime(options.tokenLifetime());
    try (ZoomSandbox sandbox = ZoomSandbox.start(settings, clock)) {
      String base = sandbox.baseUrl().toString();
      ZoomConfig zoom = ZoomConfig.of(base).withDefaultApiUrl(base);
      ZoomCredentials credentials = new ZoomCredentials(settings.accountId(), settings.clientId(), settings.clientSecret());
      TokenKey key = zoom.keyFor(credentials);
      TokenStore shared = options.redis()
          .<TokenStore>map(config -> RedisTokenStore.create(
              config.withKeyPrefix("tm:sim:" + UUID.randomUUID() + ":"), clock, TokenEventListener.noop()))
          .orElseGet(() -> CaffeineTokenStore.create(clock));
      String storeName = options.redis().map(RedisStoreConfig::maskedUri).orElse("memory");
      TokenStore store = new OutageTokenStore(shared, () -> any(options.storeOutages()));
      List<TokenManager> managers = new ArrayList<>();
      try (ZoomTokenSource source = ZoomTokenSource.create(zoom, clock, credentials)) {
        for (int i = 0; i < options.processes(); i++) {
          Random draws = new Random(options.seed() * 1_000_003L + i);
          managers.add(TokenManager.builder(source, store)
              .key(key)
              .clock(clock)
              .executor(Runnable::run)
              .random(draws::nextDouble)
              .refreshPolicy(policy)
              .fallbackStore(CaffeineTokenStore.create(clock))
              .listener(this::record)
              .instanceId("sim-" + i)
              .build());
        }
        drive(managers, key, sandbox);
        return new SimulationReport(options, storeName, calls, sandbox.mints(), rotations(), sandbox.tokenRequests(),
            blocked, coldStartWaits, failures, belowMinRemaining, Duration.ofNanos(System.nanoTime() - realStart));
      } finally {
        managers.forEach(TokenManager::close);
        shared.close();
      }
    }
  }

  private void drive(List<TokenManager> managers, TokenKey key, ZoomSandbox sandbox) {
    long callEvery = options.callEvery().toMillis();
    boolean[] started = new boolean[managers.size()];
    boolean failing = false;
    for (long elapsed = 0; elapsed <= options.length().toMillis(); elapsed += STEP.toMillis()) {
      if (elapsed > 0) {
        clock.advance(STEP);
      }
      FaultWindow error = covering(options.endpointErrors());
      if ((error != null) != failing) {
        failing = error != null;
        if (failing) {
          sandbox.failTokenRequests(error.status(), "application/json",
              "{\"code\":" + error.status() + ",\"message\":\"simulated failure\"}");
        } else {
          sandbox.recover();
        }
      }
      if (elapsed % callEvery == 0) {
        for (int i = 0; i < managers.size(); i++) {
          for (int c = 0; c < options.callersPerProcess(); c++) {
            call(managers.get(i), key, started, i);
          }
        }
      }
      if (elapsed > 0 && elapsed % 3_600_000 == 0) {
        TokenHealth health = managers.get(0).health(key);
        out.accept(String.format("%4dh  mints=%-4d rotations=%-4d failures=%-4d blocked=%-4d process-0: %s %s", elapsed / 3_600_000,
            sandbox.mints(), rotations(), failures, blocked, health.state(), health.mode()));
      }
    }
  }

  private void call(TokenManager manager, TokenKey key, boolean[] started, int process) {
    calls++;
    boolean serving = manager.health(key).serving();
    if (!serving) {
      if (started[process]) {
        blocked++;
      } else {
        coldStartWaits++;
      }
    }
    try {
      AccessToken token = manager.token();
      started[process] = true;
      long remaining = token.expiresAtMillis() - clock.millis();
      if (remaining < policy.hardMargin(token).toMillis()) {
        belowMinRemaining++;
      }
    } catch (TokenException e) {
      failures++;
    }
  }

  private void record(TokenEvent event) {
    if (event instanceof TokenEvent.Minted minted) {
      mintIssueTimes.add(minted.expiresAt().toEpochMilli() - options.tokenLifetime().toMillis());
    }
  }

  /** Rotation cycles: a mint more than half a lifetime after the first mint of the current cycle starts a new one. */
  private int rotations() {
    int rotations = 0;
    long cycleStart = Long.MIN_VALUE;
    for (long issued : mintIssueTimes.stream().sorted().toList()) {
      if (cycleStart == Long.MIN_VALUE || issued - cycleStart > options.tokenLifetime().toMillis() / 2) {
        rotations++;
        cycleStart = issued;
      }
    }
    return rotations;
  }

  private boolean any(List<FaultWindow> windows) {
    return covering(windows) != null;
  }

  private FaultWindow covering(List<FaultWindow> windows) {
    long elapsed = clock.millis() - start;
    for (FaultWindow window : windows) {
      if (window.covers(elapsed)) {
        return window;
      }
    }
    return null;
  }
}
