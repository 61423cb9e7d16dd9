package dev.tokenmanager.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import dev.tokenmanager.app.sandbox.ZoomSandbox;

/**
 * The callers of one fleet: {@code threads} per member, each asking for a token and then working with
 * it for {@code pause} (or asking again at once), counting calls and failures, while a sampler reads
 * the endpoint's request counter every 100 ms.
 */
final class FleetRun {

  /** One member's way of getting a token. */
  @FunctionalInterface
  interface Call {
    Object get() throws Exception;
  }

  private static final int SAMPLE_MILLIS = 100;
  // Each caller's counters sit 128 bytes apart so callers do not share cache lines.
  private static final int STRIDE = 16;

  private final List<Thread> callers = new ArrayList<>();
  private final AtomicLongArray calls;
  private final AtomicLongArray failures;
  private final Map<String, Integer> failureKinds = new ConcurrentHashMap<>();
  private final Map<String, String> firstFailures = new ConcurrentHashMap<>();
  private final List<long[]> samples = new ArrayList<>();
  private final CountDownLatch go = new CountDownLatch(1);
  private final ZoomSandbox endpoint;
  private final long pauseNanos;
  private volatile boolean stop;
  private long startedNanos;
  private long endedNanos;

  private FleetRun(int callerCount, ZoomSandbox endpoint, Duration pause) {
    this.pauseNanos = pause.toNanos();
    this.calls = new AtomicLongArray(callerCount * STRIDE);
    this.failures = new AtomicLongArray(callerCount * STRIDE);
    this.endpoint = endpoint;
  }

  /**
   * Starts every caller at once.
   *
   * @param members the members
   * @param threads callers per member
   * @param endpoint the sandbox, whose request and mint counters are sampled
   * @param pause how long each caller works with a token before it asks again (zero: a tight loop)
   * @return the running fleet
   */
  static FleetRun start(List<Call> members, int threads, ZoomSandbox endpoint, Duration pause)
      throws InterruptedException {
    FleetRun run = new FleetRun(members.size() * threads, endpoint, pause);
    for (int m = 0; m < members.size(); m++) {
      for (int t = 0; t < threads; t++) {
        int slot = (m * threads + t) * STRIDE;
        Call call = members.get(m);
        Thread thread = new Thread(() -> run.loop(call, slot), "caller-" + m + "-" + t);
        thread.setDaemon(true);
        run.callers.add(thread);
        thread.start();
      }
    }
    Thread.sleep(200);
    run.startedNanos = System.nanoTime();
    run.samples.add(run.sample());
    run.go.countDown();
    return run;
  }

  private void loop(Call call, int slot) {
    try {
      go.await();
    } catch (InterruptedException e) {
      return;
    }
    long n = 0;
    long failed = 0;
    while (!stop) {
      try {
        call.get();
        calls.lazySet(slot, ++n);
      } catch (Exception | Error e) {
        failures.lazySet(slot, ++failed);
        failureKinds.merge(e.getClass().getSimpleName(), 1, Integer::sum);
        firstFailures.putIfAbsent(e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
      }
      if (pauseNanos > 0) {
        LockSupport.parkNanos(pauseNanos);
      }
    }
  }

  /** Samples until the duration is over, then stops the callers. */
  void awaitEnd(Duration duration) throws InterruptedException {
    long end = startedNanos + duration.toNanos();
    while (System.nanoTime() < end) {
      Thread.sleep(SAMPLE_MILLIS);
      samples.add(sample());
    }
    stop = true;
    endedNanos = System.nanoTime();
    samples.add(sample());
    for (Thread caller : callers) {
      caller.join(TimeUnit.SECONDS.toMillis(10));
    }
  }

  /** Returns elapsed nanoseconds, endpoint requests, tokens the endpoint issued, and calls so far. */
  private long[] sample() {
    return new long[] {System.nanoTime() - startedNanos, endpoint.tokenRequests(), endpoint.mints(), sum(calls)};
  }

  /**
   * Returns the tokens the endpoint issued in each rotation, in order. A rotation is a burst: tokens
   * issued less than {@code gapMillis} after the previous one (to the sampling's 100 ms) belong to it.
   *
   * @param gapMillis the quiet time that separates two rotations
   * @return mints per rotation
   */
  List<Integer> rotations(long gapMillis) {
    List<Integer> result = new ArrayList<>();
    long lastMintAt = Long.MIN_VALUE;
    for (int i = 1; i < samples.size(); i++) {
      long issued = samples.get(i)[2] - samples.get(i - 1)[2];
      if (issued == 0) {
        continue;
      }
      long at = samples.get(i)[0] / 1_000_000;
      if (result.isEmpty() || at - lastMintAt > gapMillis) {
        result.add(0);
      }
      result.set(result.size() - 1, result.get(result.size() - 1) + (int) issued);
      lastMintAt = at;
    }
    return result;
  }

  /** Returns calls, failures, calls per second and the busiest second of the endpoint. */
  Map<String, Object> result() {
    Map<String, Object> r = new LinkedHashMap<>();
    double seconds = (endedNanos - startedNanos) / 1e9;
    long totalCalls = sum(calls);
    r.put("callers", callers.size());
    r.put("seconds", seconds);
    r.put("calls", totalCalls);
    r.put("calls_per_second", totalCalls / seconds);
    r.put("failures", sum(failures));
    r.put("failure_kinds", new LinkedHashMap<>(failureKinds));
    r.put("first_failures", new LinkedHashMap<>(firstFailures));
    r.put("endpoint_requests_worst_second", worstSecond());
    return r;
  }

  /** Returns the most requests between two samples at most a second apart (windows start every 100 ms). */
  private long worstSecond() {
    long worst = 0;
    for (int i = 0; i < samples.size(); i++) {
      long[] from = samples.get(i);
      int j = i;
      while (j + 1 < samples.size() && samples.get(j + 1)[0] - from[0] <= 1_000_000_000L) {
        j++;
      }
      worst = Math.max(worst, samples.get(j)[1] - from[1]);
    }
    return worst;
  }

  private static long sum(AtomicLongArray values) {
    long total = 0;
    for (int i = 0; i < values.length(); i += STRIDE) {
      total += values.get(i);
    }
    return total;
  }
}
