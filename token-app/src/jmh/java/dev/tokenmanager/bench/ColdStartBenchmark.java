package dev.tokenmanager.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Wall time of {@code java -jar token-app.jar token}, from starting the process to its exit, against
 * the sandbox (one-hour tokens, {@code --latency} per request) and a Redis: {@code hit} with the token
 * already in Redis, {@code miss} with the key deleted before each run (so the process mints), and
 * {@code floor}, {@code token-app --version}, the same JVM and jar doing nothing. Each run is a new
 * process with a clean environment (PATH, HOME and the variables the command reads) in an empty
 * directory; one untimed run of each kind first warms the page cache. Each run's printed {@code
 * source} is recorded: a hit run that could not reach Redis in time falls back to minting and says so.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.tokenmanager.bench.ColdStartBenchmark --jar
 * token-app/target/token-app.jar --runs 7 --redis URI --out coldstart.json}.
 */
public final class ColdStartBenchmark {

  private ColdStartBenchmark() {}

  /**
   * Measures the three kinds of run.
   *
   * @param args {@code --jar PATH --runs N --latency 50ms --redis URI --out PATH}
   * @throws Exception if the sandbox cannot start or a run exits non-zero or hangs
   */
  public static void main(String[] args) throws Exception {
    Args a = Args.parse(args);
    Path jar = Path.of(a.text("jar", "token-app/target/token-app.jar")).toAbsolutePath();
    int runs = a.integer("runs", 7);
    String redis = a.text("redis", BenchEnv.redisUri());
    Duration latency = a.duration("latency", Duration.ofMillis(50));
    Path out = Path.of(a.text("out", BenchEnv.outDir().resolve("coldstart.json").toString()));
    Path workDir = Files.createTempDirectory("coldstart");
    Map<String, Object> report = new LinkedHashMap<>();
    try (BenchSandbox sandbox = BenchSandbox.start(Duration.ofHours(1), latency)) {
      Map<String, String> env = new LinkedHashMap<>();
      env.put("ZOOM_ACCOUNT_ID", sandbox.credentials.accountId());
      env.put("ZOOM_CLIENT_ID", sandbox.credentials.clientId());
      env.put("ZOOM_CLIENT_SECRET", sandbox.credentials.clientSecret().reveal());
      env.put("ZOOM_OAUTH_URL", sandbox.sandbox.baseUrl().toString());
      env.put("REDIS_URL", redis);
      // The token command stores under tm:{host|account|client|slot}: the sandbox's account is unique.
      String keys = "tm:{" + "*" + "|" + sandbox.accountId() + "|";
      Runner runner = new Runner(jar, workDir, env);
      runner.run(List.of("--version"));
      List<Run> floor = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        floor.add(runner.run(List.of("--version")));
      }
      runner.run(List.of("token"));
      int mintsBefore = sandbox.sandbox.mints();
      List<Run> hit = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        hit.add(runner.run(List.of("token")));
      }
      int mintsDuringHits = sandbox.sandbox.mints() - mintsBefore;
      mintsBefore = sandbox.sandbox.mints();
      List<Run> miss = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        deleteMatching(redis, keys);
        miss.add(runner.run(List.of("token")));
      }
      report.put("runs", runs);
      report.put("endpoint_latency_ms", latency.toMillis());
      report.put("jar_bytes", Files.size(jar));
      report.put("floor_version", stats(floor));
      report.put("hit", stats(hit));
      report.put("miss", stats(miss));
      report.put("mints_during_hit_runs", mintsDuringHits);
      report.put("mints_during_miss_runs", sandbox.sandbox.mints() - mintsBefore);
      deleteMatching(redis, keys);
    }
    Json.write(out, report);
    System.out.println("cold start: floor " + ((Map<?, ?>) report.get("floor_version")).get("median_ms") + " ms, hit "
        + ((Map<?, ?>) report.get("hit")).get("median_ms") + " ms, miss "
        + ((Map<?, ?>) report.get("miss")).get("median_ms") + " ms (medians)");
    System.exit(0);
  }

  private static void deleteMatching(String redis, String pattern) {
    RedisKeyCleaner.deleteByPattern(redis, pattern + "*");
  }

  private static Map<String, Object> stats(List<Run> runs) {
    List<Long> millis = runs.stream().map(Run::millis).toList();
    List<Long> sorted = new ArrayList<>(millis);
    sorted.sort(null);
    Map<String, Object> s = new LinkedHashMap<>();
    int n = sorted.size();
    s.put("median_ms", n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0);
    s.put("min_ms", sorted.get(0));
    s.put("max_ms", sorted.get(n - 1));
    s.put("all_ms", millis);
    // What each token run printed as its source: "store" (a hit) or "minted".
    s.put("sources", runs.stream().map(Run::source).toList());
    s.put("store_unreachable_warnings", runs.stream().filter(Run::storeUnreachable).count());
    return s;
  }

  /** One timed run: its wall time, the source it printed (or empty), and whether it found Redis down. */
  private record Run(long millis, String source, boolean storeUnreachable) {}

  /** Starts the app as a new process and times it. */
  private record Runner(Path jar, Path workDir, Map<String, String> env) {

    Run run(List<String> args) throws IOException, InterruptedException {
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
      command.addAll(args);
      ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
      builder.environment().keySet().removeIf(name -> !name.equals("PATH") && !name.equals("HOME"));
      builder.environment().putAll(env);
      Path stdout = workDir.resolve("stdout.txt");
      Path stderr = workDir.resolve("stderr.txt");
      builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
      long started = System.nanoTime();
      Process process = builder.start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        throw new IllegalStateException("token-app " + args + " did not finish in 60 s");
      }
      long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      String printed = Files.readString(stdout, StandardCharsets.UTF_8);
      String errors = Files.readString(stderr, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new IllegalStateException("token-app " + args + " exited " + process.exitValue() + "; stderr:\n"
            + errors);
      }
      String source = printed.lines().filter(line -> line.startsWith("source: ")).map(line -> line.substring(8))
          .findFirst().orElse("");
      return new Run(took, source, errors.contains("is unreachable"));
    }
  }
}
