package dev.tokenmanager.bench;

import dev.tokenmanager.core.RefreshPolicy;
import dev.tokenmanager.core.TokenManager;
import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.port.Clock;
import dev.tokenmanager.memory.CaffeineTokenStore;
import dev.tokenmanager.redis.RedisStoreConfig;
import dev.tokenmanager.redis.RedisTokenStore;
import dev.tokenmanager.zoom.ZoomTokenSource;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * {@code token()} while tokens rotate: the sandbox issues tokens of {@code lifetimeSeconds} with
 * {@code latencyMillis} per request, so a refresh (store read, lease, mint, save) starts every
 * half to three quarters of a life and stays in flight for at least the latency. The manager shares
 * tokens through Redis, with a memory fallback, exactly as in production.
 *
 * <p>{@link #token} is measured by JMH's sample mode alone (p50, p99, p99.9 of the sampled calls).
 * {@link #tokenSelfTimed} also times every call itself and keeps apart the calls made while a mint
 * was on the wire, counting those that took 1 ms or more, 10 ms or more, and those that began after
 * the last token the thread had seen passed its hard deadline (the only calls that can wait for the
 * network); it writes those figures to {@code
 * $BENCH_OUT_DIR/rotation-selftimed.jsonl}, one line per fork.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@Threads(2)
public class RotationBenchmark {

  /** One manager whose token rotates every one to one and a half seconds. */
  @State(Scope.Benchmark)
  public static class Rotating {
    // Short-lived tokens are refreshed at 50-75 % of their life and withdrawn at 90 %: with 2 s, a
    // rotation every 1-1.5 s and at least 300 ms between the refresh point and the hard deadline.
    @Param("2")
    public int lifetimeSeconds;

    @Param("50")
    public int latencyMillis;

    TokenManager manager;
    final MintLog mints = new MintLog();
    volatile boolean measuring;
    final List<Caller> callers = new CopyOnWriteArrayList<>();

    private BenchSandbox sandbox;
    private ZoomTokenSource zoom;
    private RedisTokenStore store;
    private CaffeineTokenStore fallback;
    private long measuredMillis;
    private long iterationStart;
    private int measuredMints;
    private int mintsAtIterationStart;

    /** Starts the sandbox, the Redis store and the manager, and takes the first token. */
    @Setup(Level.Trial)
    public void start() {
      sandbox = BenchSandbox.start(Duration.ofSeconds(lifetimeSeconds), Duration.ofMillis(latencyMillis));
      Clock clock = Clock.system();
      zoom = ZoomTokenSource.create(sandbox.zoom, clock, sandbox.credentials);
      store = RedisTokenStore.create(RedisStoreConfig.of(BenchEnv.redisUri())
          .withKeyPrefix("tm:bench:" + UUID.randomUUID() + ":"), clock, event -> {});
      fallback = CaffeineTokenStore.create(clock);
      manager = TokenManager.builder(new CountingTokenSource(zoom, mints), store)
          .key(sandbox.key).clock(clock).fallbackStore(fallback).build();
      manager.token();
    }

    /** Records only during measurement iterations. */
    @Setup(Level.Iteration)
    public void startIteration(IterationParams iteration) {
      measuring = iteration.getType() == IterationType.MEASUREMENT;
      iterationStart = System.currentTimeMillis();
      mintsAtIterationStart = mints.mints();
    }

    /** Adds up measured time and mints. */
    @TearDown(Level.Iteration)
    public void endIteration(IterationParams iteration) {
      if (iteration.getType() == IterationType.MEASUREMENT) {
        measuredMillis += System.currentTimeMillis() - iterationStart;
        measuredMints += mints.mints() - mintsAtIterationStart;
      }
      measuring = false;
    }

    /** Closes everything and writes this fork's self-timed figures. */
    @TearDown(Level.Trial)
    public void stop(BenchmarkParams params) {
      manager.close();
      zoom.close();
      store.close();
      fallback.close();
      sandbox.close();
      if (callers.isEmpty()) {
        return;
      }
      Histogram all = LatencyRecord.histogram();
      Histogram during = LatencyRecord.histogram();
      long over1ms = 0;
      long over10ms = 0;
      long expiredAtStart = 0;
      for (Caller c : callers) {
        expiredAtStart += c.expiredAtStart;
        all.add(c.all);
        during.add(c.during);
        over1ms += c.over1ms;
        over10ms += c.over10ms;
      }
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("benchmark", params.getBenchmark());
      line.put("threads", params.getThreads());
      line.put("lifetime_s", lifetimeSeconds);
      line.put("latency_ms", latencyMillis);
      line.put("measured_ms", measuredMillis);
      line.put("mints_measured", measuredMints);
      line.put("calls", all.getTotalCount());
      line.put("calls_during_mint", during.getTotalCount());
      line.put("calls_over_1ms", over1ms);
      line.put("calls_over_10ms", over10ms);
      line.put("calls_waiting_for_a_token", expiredAtStart);
      line.put("all", LatencyRecord.summary(all));
      line.put("during_mint", LatencyRecord.summary(during));
      Json.appendLine(BenchEnv.outDir().resolve("rotation-selftimed.jsonl"), line);
    }
  }

  /** One caller thread's own timings. */
  @State(Scope.Thread)
  public static class Caller {
    final Histogram all = LatencyRecord.histogram();
    final Histogram during = LatencyRecord.histogram();
    long over1ms;
    long over10ms;
    long expiredAtStart;
    private AccessToken lastSeen;

    /** Lets the benchmark state collect this thread's timings at the end. */
    @Setup(Level.Trial)
    public void register(Rotating rotating) {
      rotating.callers.add(this);
    }

    /**
     * Records one call. A slow call (1 ms or more) is put down as a possible wait for a token if the
     * token this thread saw last was already past its hard deadline when the call began. Only such a
     * call can wait (before that the manager answers from memory, so any other slow call was the
     * thread being descheduled, or a GC pause), but a thread descheduled across the deadline is
     * counted too: the figure is an upper bound.
     */
    void record(boolean measuring, long nanos, boolean duringMint, AccessToken token) {
      if (!measuring) {
        lastSeen = token;
        return;
      }
      all.recordValue(nanos);
      if (duringMint) {
        during.recordValue(nanos);
      }
      if (nanos >= 1_000_000) {
        over1ms++;
        if (nanos >= 10_000_000) {
          over10ms++;
        }
        long startedAt = System.currentTimeMillis() - nanos / 1_000_000;
        AccessToken last = lastSeen;
        if (last != null
            && startedAt >= last.expiresAtMillis() - RefreshPolicy.defaults().hardMargin(last).toMillis()) {
          expiredAtStart++;
        }
      }
      lastSeen = token;
    }
  }

  /** The call alone, sampled by JMH. */
  @Benchmark
  public AccessToken token(Rotating state) {
    return state.manager.token();
  }

  /** The call timed by the benchmark itself, kept apart when a mint was on the wire. */
  @Benchmark
  public AccessToken tokenSelfTimed(Rotating state, Caller caller) {
    boolean before = state.mints.inFlight();
    long started = System.nanoTime();
    AccessToken token = state.manager.token();
    long took = System.nanoTime() - started;
    caller.record(state.measuring, took, before || state.mints.inFlight(), token);
    return token;
  }
}
