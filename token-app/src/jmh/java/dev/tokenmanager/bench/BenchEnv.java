package dev.tokenmanager.bench;

import java.nio.file.Path;

/**
 * What bench/run hands the benchmarks through the environment (JMH's forked JVMs inherit it):
 * {@code BENCH_REDIS_URL}, the Redis to use (bench/run starts its own), and {@code BENCH_OUT_DIR},
 * where benchmarks write figures JMH does not report.
 */
final class BenchEnv {

  private BenchEnv() {}

  /** Returns the Redis URI, default {@code redis://127.0.0.1:6379}. */
  static String redisUri() {
    String value = System.getenv("BENCH_REDIS_URL");
    return value == null || value.isBlank() ? "redis://127.0.0.1:6379" : value;
  }

  /** Returns the directory for extra results, default {@code target/bench}. */
  static Path outDir() {
    String value = System.getenv("BENCH_OUT_DIR");
    return Path.of(value == null || value.isBlank() ? "target/bench" : value);
  }
}
