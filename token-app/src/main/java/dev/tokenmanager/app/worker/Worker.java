package dev.tokenmanager.app.worker;

import dev.tokenmanager.core.TokenManager;
import dev.tokenmanager.core.error.TokenException;
import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.port.Clock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One member of a fleet: job threads that take a token from the manager in a loop (and optionally
 * call {@code GET /v2/users/me} with it) for a while, reporting each new token they see.
 */
public final class Worker {

  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

  /**
   * How a worker runs.
   *
   * @param jobs job threads, at least 1
   * @param duration how long, at least 1 ms
   * @param interval rest between calls of one job
   * @param callApi whether each call also calls the API with the token
   */
  public record Options(int jobs, Duration duration, Duration interval, boolean callApi) {
    /**
     * Validates the options.
     *
     * @throws IllegalArgumentException naming the bad option and its value
     */
    public Options {
      if (jobs < 1) {
        throw new IllegalArgumentException("--jobs must be at least 1, but was " + jobs);
      }
      if (duration == null || duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException("--duration must be greater than 0, but was " + duration);
      }
      if (interval == null || interval.isNegative()) {
        throw new IllegalArgumentException("--interval must not be negative, but was " + interval);
      }
    }
  }

  private final TokenManager manager;
  private final Clock clock;
  private final Options options;
  private final Consumer<String> out;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final LongAdder calls = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final LongAdder apiRejected = new LongAdder();
  private final LongAdder expiredHandedOut = new LongAdder();
  private final AtomicLong minRemaining = new AtomicLong(Long.MAX_VALUE);
  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private final List<String> order = new CopyOnWriteArrayList<>();

  /**
   * Creates a worker.
   *
   * @param manager the manager to take tokens from
   * @param clock the clock
   * @param options how to run
   * @param out where lines about new tokens go
   */
  public Worker(TokenManager manager, Clock clock, Options options, Consumer<String> out) {
    this.manager = manager;
    this.clock = clock;
    this.options = options;
    this.out = out;
  }

  /**
   * Runs the jobs to the end of the duration.
   *
   * @return the summary as ordered {@code name: value} pairs
   * @throws InterruptedException if interrupted
   */
  public Map<String, String> run() throws InterruptedException {
    long started = clock.millis();
    long deadline = started + options.duration().toMillis();
    ExecutorService jobs = Executors.newFixedThreadPool(options.jobs());
    for (int i = 0; i < options.jobs(); i++) {
      jobs.execute(() -> job(deadline));
    }
    jobs.shutdown();
    if (!jobs.awaitTermination(options.duration().toMillis() + 30_000, TimeUnit.MILLISECONDS)) {
      jobs.shutdownNow();
      failures.increment();
    }
    Map<String, String> summary = new LinkedHashMap<>();
    summary.put("calls", Long.toString(calls.sum()));
    summary.put("failures", Long.toString(failures.sum()));
    summary.put("api_rejected", Long.toString(apiRejected.sum()));
    summary.put("expired_handed_out", Long.toString(expiredHandedOut.sum()));
    summary.put("tokens_seen", String.join(",", order));
    summary.put("elapsed", (clock.millis() - started) + " ms");
    summary.put("result", ok() ? "ok" : "FAILED");
    return summary;
  }

  /** Returns whether no call failed, no API call was rejected and no expired token was handed out. */
  public boolean ok() {
    return failures.sum() == 0 && apiRejected.sum() == 0 && expiredHandedOut.sum() == 0;
  }

  private void job(long deadline) {
    while (clock.millis() < deadline) {
      try {
        AccessToken token = manager.token();
        long remaining = token.expiresAtMillis() - clock.millis();
        minRemaining.accumulateAndGet(remaining, Math::min);
        if (remaining <= 0) {
          expiredHandedOut.increment();
        }
        if (seen.add(token.fingerprint())) {
          order.add(token.fingerprint());
          out.accept("token " + token.fingerprint() + " expires " + token.expiresAt() + " (" + remaining + " ms left)");
        }
        if (!options.callApi() || callApi(token)) {
          calls.increment();
        }
        if (!options.interval().isZero()) {
          Thread.sleep(options.interval().toMillis());
        }
      } catch (TokenException e) {
        failures.increment();
        LOG.warn("no token: {}", e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Calls the API with the token; returns whether it answered 200. */
  private boolean callApi(AccessToken token) throws InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(token.apiUrl() + "/v2/users/me"))
        .header("Authorization", "Bearer " + token.value())
        .timeout(Duration.ofSeconds(2))
        .GET()
        .build();
    try {
      int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status == 401) {
        apiRejected.increment();
        manager.invalidate(token);
      } else if (status != 200) {
        failures.increment();
        LOG.warn("API call answered HTTP {}", status);
      }
      return status == 200;
    } catch (IOException e) {
      failures.increment();
      LOG.warn("API call failed: {}", e.toString());
      return false;
    }
  }

  /** Returns the calls that got a token (and, with the API, a 200) so far. */
  public long calls() {
    return calls.sum();
  }

  /** Returns the calls that got no token, or an API error other than 401, so far. */
  public long failures() {
    return failures.sum();
  }

  /** Returns the fingerprints of the tokens the jobs were handed, in the order first seen. */
  public List<String> tokensSeen() {
    return List.copyOf(order);
  }

  /** Returns the least remaining life of a token handed to a job, in ms (Long.MAX_VALUE before any). */
  public long minRemainingMillis() {
    return minRemaining.get();
  }
}
