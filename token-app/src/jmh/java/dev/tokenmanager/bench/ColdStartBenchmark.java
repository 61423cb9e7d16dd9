package dev.tokenmanager.bench;

import org.slf4j.LoggerFactory;
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
 * <p>To explain the figure it also counts the classes a hit loads, and times hits with an application
 * class-data archive made by one run with {@code -XX:ArchiveClassesAtExit} ({@code hit_appcds}), and
 * with that archive and only the C1 compiler ({@code hit_appcds_c1}).
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
      List<String> none = List.of();
      List<String> token = List.of("token");
      runner.run(none, List.of("--version"));
      List<Run> floor = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        floor.add(runner.run(none, List.of("--version")));
      }
      runner.run(none, token);
      int mintsBefore = sandbox.sandbox.mints();
      List<Run> hit = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        hit.add(runner.run(none, token));
      }
      int mintsDuringHits = sandbox.sandbox.mints() - mintsBefore;
      mintsBefore = sandbox.sandbox.mints();
      List<Run> miss = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        deleteMatching(redis, keys);
        miss.add(runner.run(none, token));
      }
      int mintsDuringMisses = sandbox.sandbox.mints() - mintsBefore;
      runner.run(none, token);
      // What the start-up is made of, and what would shorten it: the classes a hit loads, and hits
      // with an application class-data archive (AppCDS), alone and with the C1 compiler only.
      Path classLog = workDir.resolve("classes.txt");
      runner.run(List.of("-Xlog:class+load:file=" + classLog), token);
      List<String> loaded = Files.readAllLines(classLog, StandardCharsets.UTF_8);
      Path archive = workDir.resolve("token-app.jsa");
      runner.run(List.of("-XX:ArchiveClassesAtExit=" + archive), token);
      List<String> cds = List.of("-XX:SharedArchiveFile=" + archive);
      List<Run> hitCds = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        hitCds.add(runner.run(cds, token));
      }
      List<String> cdsC1 = List.of("-XX:SharedArchiveFile=" + archive, "-XX:TieredStopAtLevel=1");
      List<Run> hitCdsC1 = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        hitCdsC1.add(runner.run(cdsC1, token));
      }
      report.put("runs", runs);
      report.put("endpoint_latency_ms", latency.toMillis());
      report.put("jar_bytes", Files.size(jar));
      report.put("floor_version", stats(floor));
      report.put("hit", stats(hit));
      report.put("miss", stats(miss));
      report.put("hit_appcds", stats(hitCds));
      report.put("hit_appcds_c1", stats(hitCdsC1));
      report.put("mints_during_hit_runs", mintsDuringHits);
      report.put("mints_during_miss_runs", mintsDuringMisses);
      report.put("classes_loaded_by_a_hit", loaded.stream().filter(line -> line.contains(" source: ")).count());
      report.put("classes_from_the_jdk_archive", loaded.stream().filter(line -> line.contains("shared objects file"))
          .count());
      deleteMatching(redis, keys);
    }
    Json.write(out, report);
    LoggerFactory.getLogger(ColdStartBenchmark.class).info("cold start: floor {} ms, hit {} ms, miss {} ms (medians)",
        ((Map<?, ?>) report.get("floor_version")).get("median_ms"), ((Map<?, ?>) report.get("hit")).get("median_ms"),
        ((Map<?, ?>) report.get("miss")).get("median_ms"));
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

    Run run(List<String> jvmOptions, List<String> args) throws IOException, InterruptedException {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmOptions);
      command.addAll(List.of("-jar", jar.toString()));
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
