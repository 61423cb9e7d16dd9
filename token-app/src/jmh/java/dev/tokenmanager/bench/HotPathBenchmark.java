package dev.tokenmanager.bench;

import dev.tokenmanager.core.TokenManager;
import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.port.Clock;
import dev.tokenmanager.memory.CaffeineTokenStore;
import dev.tokenmanager.zoom.ZoomTokenSource;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of asking for a token that is already fresh, for Token Manager, the clock read it cannot
 * avoid, google-auth's cached-token path and the seed style's Redis {@code GET}, all minting from the
 * same sandbox (one-hour tokens, 50 ms latency: nothing is refreshed while measuring). Run with
 * {@code -t 1} and {@code -t 2}, and {@code -prof gc} for the bytes allocated per call.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class HotPathBenchmark {

  static final Duration LIFETIME = Duration.ofHours(1);
  static final Duration LATENCY = Duration.ofMillis(50);

  /** The sandbox of one fork. */
  @State(Scope.Benchmark)
  public static class Endpoint {
    BenchSandbox sandbox;
    final MintLog mints = new MintLog();

    /** Starts the sandbox. */
    @Setup(Level.Trial)
    public void start() {
      sandbox = BenchSandbox.start(LIFETIME, LATENCY);
    }

    /** Stops the sandbox. */
    @TearDown(Level.Trial)
    public void stop() {
      sandbox.close();
    }
  }

  /** The clock Token Manager reads on every call, alone: the floor of any expiry check. */
  @State(Scope.Benchmark)
  public static class ClockOnly {
    final Clock clock = Clock.system();
  }

  /** Token Manager with a fresh token: memory store, system clock, default refresh policy. */
  @State(Scope.Benchmark)
  public static class Ours {
    TokenManager manager;
    private ZoomTokenSource zoom;
    private CaffeineTokenStore store;
    private Endpoint endpoint;

    /** Builds the manager and takes the first token. */
    @Setup(Level.Trial)
    public void start(Endpoint e) {
      endpoint = e;
      Clock clock = Clock.system();
      zoom = ZoomTokenSource.create(e.sandbox.zoom, clock, e.sandbox.credentials);
      store = CaffeineTokenStore.create(clock);
      manager = TokenManager.builder(new CountingTokenSource(zoom, e.mints), store)
          .key(e.sandbox.key).clock(clock).build();
      manager.token();
    }

    /** Closes the manager and checks that nothing was refreshed while measuring. */
    @TearDown(Level.Trial)
    public void stop() {
      manager.close();
      zoom.close();
      store.close();
      if (endpoint.mints.mints() != 1) {
        throw new IllegalStateException("expected one mint, the token was refreshed during the run: "
            + endpoint.mints.mints());
      }
    }
  }

  /** google-auth's OAuth2Credentials with its default margins, refreshed from the same sandbox. */
  @State(Scope.Benchmark)
  public static class Google {
    GoogleAuthTokens credentials;
    final URI uri = URI.create("https://api.zoom.us/v2/users/me");

    /** Builds the credentials and takes the first token. */
    @Setup(Level.Trial)
    public void start(Endpoint e) throws IOException {
      credentials = new GoogleAuthTokens(new SandboxMinter(e.sandbox, e.mints),
          GoogleAuthTokens.DEFAULT_REFRESH_MARGIN, GoogleAuthTokens.DEFAULT_EXPIRATION_MARGIN);
      credentials.refresh();
    }
  }

  /** The seed style: a Redis GET per call on the local Redis, mint on a miss. */
  @State(Scope.Benchmark)
  public static class Seed {
    SeedStyleTokens tokens;

    /** Connects to Redis and stores the first token. */
    @Setup(Level.Trial)
    public void start(Endpoint e) {
      tokens = new SeedStyleTokens(BenchEnv.redisUri(), "tm:bench:" + UUID.randomUUID() + ":token",
          new SandboxMinter(e.sandbox, e.mints));
      tokens.token();
    }

    /** Deletes the key and disconnects. */
    @TearDown(Level.Trial)
    public void stop() {
      tokens.deleteKey();
      tokens.close();
    }
  }

  /** The floor: {@code Clock.millis()}, that is {@code System.currentTimeMillis()} behind the port. */
  @Benchmark
  public long clockMillis(ClockOnly state) {
    return state.clock.millis();
  }

  /** Token Manager's hot path: one volatile read, one clock read, two comparisons. */
  @Benchmark
  public AccessToken tokenManager(Ours state) {
    return state.manager.token();
  }

  /** google-auth's per-request path: the cached Authorization header while the token is FRESH. */
  @Benchmark
  public Map<String, List<String>> googleAuth(Google state) throws IOException {
    return state.credentials.getRequestMetadata(state.uri);
  }

  /** The baseline: one Redis round trip per call. */
  @Benchmark
  public String seedStyle(Seed state) {
    return state.tokens.token();
  }
}
