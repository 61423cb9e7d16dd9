package dev.tokenmanager.bench;

import org.slf4j.LoggerFactory;
import dev.tokenmanager.core.TokenManager;
import dev.tokenmanager.core.event.TokenEvent;
import dev.tokenmanager.core.event.TokenEventListener;
import dev.tokenmanager.core.port.Clock;
import dev.tokenmanager.memory.CaffeineTokenStore;
import dev.tokenmanager.redis.RedisStoreConfig;
import dev.tokenmanager.redis.RedisTokenStore;
import dev.tokenmanager.zoom.ZoomTokenSource;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;

/**
 * A fleet in real time: {@code --managers} processes (each with its own Redis connection, HTTP client
 * and token cache, as separate JVMs would have) of {@code --threads} callers each, asking for a token
 * and then working with it for {@code --pause} (0 for a tight loop), against one Redis and the sandbox
 * with {@code --latency} per token request and tokens of {@code --lifetime}, for {@code --duration};
 * once per approach:
 *
 * <ul>
 *   <li>{@code ours}: a {@link TokenManager} per process on a {@link RedisTokenStore} with a memory
 *       fallback, as token-app wires it;
 *   <li>{@code seed}: the baseline, a Redis {@code GET} per call, mint on a miss ({@link SeedStyleTokens});
 *   <li>{@code google}: a google-auth {@code OAuth2Credentials} per process ({@link GoogleAuthTokens}),
 *       with its margins scaled to the short life as ours are: refresh at 65 % of the life, stop
 *       serving at 90 %.
 * </ul>
 *
 * <p>Writes {@code --out} (JSON) and prints one summary line per approach. Usage: {@code java -cp
 * benchmarks.jar dev.tokenmanager.bench.FleetBenchmark --redis redis://127.0.0.1:6379 --out fleet.json}.
 */
public final class FleetBenchmark {

  private FleetBenchmark() {}

  /** How one fleet runs. */
  record Options(int managers, int threads, Duration lifetime, Duration latency, Duration duration, Duration pause,
      String redisUri) {}

  /**
   * Runs the fleets.
   *
   * @param args {@code --managers 20 --threads 8 --lifetime 10s --latency 50ms --duration 30s --pause 1ms
   *     --approaches ours,seed,google --redis URI --out PATH}
   * @throws Exception if a fleet cannot be set up
   */
  public static void main(String[] args) throws Exception {
    Args a = Args.parse(args);
    Options options = new Options(a.integer("managers", 20), a.integer("threads", 8),
        a.duration("lifetime", Duration.ofSeconds(10)), a.duration("latency", Duration.ofMillis(50)),
        a.duration("duration", Duration.ofSeconds(30)), a.duration("pause", Duration.ofMillis(1)),
        a.text("redis", BenchEnv.redisUri()));
    Path out = Path.of(a.text("out", BenchEnv.outDir().resolve("fleet.json").toString()));
    List<Object> fleets = new ArrayList<>();
    for (String approach : a.text("approaches", "ours,seed,google").split(",")) {
      Map<String, Object> result = run(approach.strip(), options);
      fleets.add(result);
      LoggerFactory.getLogger(FleetBenchmark.class).info("fleet {}: {}", approach, brief(result));
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("managers", options.managers());
    report.put("threads_per_manager", options.threads());
    report.put("token_lifetime_s", options.lifetime().toSeconds());
    report.put("endpoint_latency_ms", options.latency().toMillis());
    report.put("duration_s", options.duration().toMillis() / 1000.0);
    report.put("pause_ms", options.pause().toNanos() / 1e6);
    report.put("fleets", fleets);
    Json.write(out, report);
    System.exit(0);
  }

  /** Runs one approach's fleet on a sandbox of its own and returns its figures. */
  static Map<String, Object> run(String approach, Options options) throws Exception {
    String prefix = "tm:bench:fleet:" + UUID.randomUUID() + ":";
    MintLog mints = new MintLog();
    Map<String, Integer> events = new ConcurrentHashMap<>();
    List<List<Object>> timeline = new CopyOnWriteArrayList<>();
    long startedAt = System.currentTimeMillis();
    IntFunction<TokenEventListener> listenerOf = member -> event -> {
      events.merge(event.getClass().getSimpleName(), 1, Integer::sum);
      timeline.add(List.of(System.currentTimeMillis() - startedAt, member, event.getClass().getSimpleName(),
          fingerprintOf(event)));
    };
    BenchSandbox sandbox = BenchSandbox.start(options.lifetime(), options.latency());
    List<AutoCloseable> resources = new ArrayList<>();
    try {
      List<FleetRun.Call> members = new ArrayList<>();
      for (int i = 0; i < options.managers(); i++) {
        members.add(member(approach, i, new Member(sandbox, mints, listenerOf.apply(i), prefix), options, resources));
      }
      FleetRun run = FleetRun.start(members, options.threads(), sandbox.sandbox, options.pause());
      run.awaitEnd(options.duration());
      Map<String, Object> result = run.result();
      long gap = Math.max(1000, options.lifetime().toMillis() / 4);
      List<Integer> rotations = run.rotations(gap);
      int issued = rotations.stream().mapToInt(Integer::intValue).sum();
      result.put("approach", approach);
      result.put("mints", issued);
      result.put("mint_attempts", mints.mints());
      result.put("endpoint_requests", sandbox.sandbox.tokenRequests());
      result.put("rotations", rotations.size());
      result.put("mints_per_rotation", rotations.isEmpty() ? null : (double) issued / rotations.size());
      result.put("max_mints_in_a_rotation", rotations.stream().mapToInt(Integer::intValue).max().orElse(0));
      result.put("mints_by_rotation", rotations);
      result.put("rotation_gap_ms", gap);
      result.put("manager_events", new TreeMap<>(events));
      // What each Token Manager reported, as [ms since the fleet was set up, member, event, fingerprint].
      result.put("manager_timeline", List.copyOf(timeline));
      return result;
    } finally {
      for (AutoCloseable resource : resources) {
        try {
          resource.close();
        } catch (Exception ignored) {
          // the figures are taken; closing is best effort
        }
      }
      sandbox.close();
      RedisKeyCleaner.deleteByPrefix(options.redisUri(), prefix);
    }
  }

  private static String fingerprintOf(TokenEvent event) {
    if (event instanceof TokenEvent.Minted m) {
      return m.fingerprint();
    }
    if (event instanceof TokenEvent.Adopted a) {
      return a.fingerprint();
    }
    return "";
  }

  /** What a member is built with: the fleet's sandbox, mint log and key prefix, and its own event listener. */
  private record Member(BenchSandbox sandbox, MintLog mints, TokenEventListener events, String prefix) {}

  private static FleetRun.Call member(String approach, int index, Member m, Options options,
      List<AutoCloseable> resources) {
    BenchSandbox sandbox = m.sandbox();
    MintLog mints = m.mints();
    String prefix = m.prefix();
    switch (approach) {
      case "ours" -> {
        Clock clock = Clock.system();
        RedisTokenStore store = RedisTokenStore.create(
            RedisStoreConfig.of(options.redisUri()).withKeyPrefix(prefix), clock, m.events());
        ZoomTokenSource zoom = ZoomTokenSource.create(sandbox.zoom, clock, sandbox.credentials);
        CaffeineTokenStore fallback = CaffeineTokenStore.create(clock);
        TokenManager manager = TokenManager.builder(new CountingTokenSource(zoom, mints), store)
            .key(sandbox.key).clock(clock).fallbackStore(fallback).listener(m.events())
            .instanceId("member-" + index).build();
        resources.add(manager);
        resources.add(zoom);
        resources.add(store);
        resources.add(fallback);
        return manager::token;
      }
      case "seed" -> {
        SeedStyleTokens tokens = new SeedStyleTokens(options.redisUri(), prefix + "token",
            new SandboxMinter(sandbox, mints));
        resources.add(tokens);
        return tokens::token;
      }
      case "google" -> {
        long life = options.lifetime().toMillis();
        GoogleAuthTokens credentials = new GoogleAuthTokens(new SandboxMinter(sandbox, mints),
            Duration.ofMillis(life * 35 / 100), Duration.ofMillis(life / 10));
        URI uri = URI.create("https://api.zoom.us/v2/users/me");
        return () -> credentials.getRequestMetadata(uri);
      }
      default -> throw new IllegalArgumentException("approach must be ours, seed or google, but was '" + approach + "'");
    }
  }

  private static String brief(Map<String, Object> r) {
    return "calls/s=" + Math.round((double) r.get("calls_per_second")) + " failures=" + r.get("failures")
        + " mints=" + r.get("mints") + " rotations=" + r.get("rotations") + " mints/rotation="
        + r.get("mints_per_rotation") + " worst-second endpoint requests=" + r.get("endpoint_requests_worst_second");
  }
}
