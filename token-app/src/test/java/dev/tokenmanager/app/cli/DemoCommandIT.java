package dev.tokenmanager.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmanager.redis.testing.TestRedis;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo, run as the README says, as a real process: memory store, then Redis. */
class DemoCommandIT {

  @TempDir
  Path dir;

  @Test
  void demo_noConfigurationAtAll_rotatesWithoutFailuresOnTheMemoryStore() throws Exception {
    AppProcess.Result result = AppProcess.run(dir, Map.of(), 90,
        "demo", "--duration", "8s", "--token-lifetime", "4s", "--managers", "3", "--jobs", "4");

    Map<String, String> summary = result.summary();
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(summary).containsEntry("failures", "0").containsEntry("api_rejected", "0")
        .containsEntry("store", "memory").containsEntry("result", "ok");
    int rotations = Integer.parseInt(summary.get("rotations"));
    int minted = Integer.parseInt(summary.get("minted"));
    assertThat(rotations).isGreaterThanOrEqualTo(2);
    assertThat(minted).as("one mint per rotation for the whole fleet").isBetween(rotations + 1, rotations + 2);
    assertThat(Long.parseLong(summary.get("calls"))).isPositive();
    assertThat(result.stdout()).contains("calls=");
  }

  @Test
  void demo_withRedisUrl_sharesTokensThroughRedis() throws Exception {
    try (TestRedis redis = TestRedis.resolve()) {
      AppProcess.Result result = AppProcess.run(dir, Map.of("REDIS_URL", redis.uri()), 90,
          "demo", "--duration", "8s", "--token-lifetime", "4s", "--managers", "3", "--jobs", "4");

      Map<String, String> summary = result.summary();
      assertThat(result.exitCode()).as(result.toString()).isZero();
      assertThat(summary.get("store")).startsWith("redis://");
      assertThat(summary).containsEntry("failures", "0").containsEntry("api_rejected", "0");
      int rotations = Integer.parseInt(summary.get("rotations"));
      assertThat(rotations).isGreaterThanOrEqualTo(2);
      assertThat(Integer.parseInt(summary.get("minted"))).isBetween(rotations + 1, rotations + 2);
    }
  }

  @Test
  void demo_redisUrlUnreachable_saysSoAndUsesMemory() throws Exception {
    AppProcess.Result result = AppProcess.run(dir, Map.of("REDIS_URL", "redis://127.0.0.1:1"), 90,
        "demo", "--duration", "3s", "--managers", "2", "--jobs", "2");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout()).contains("unreachable");
    assertThat(result.summary()).containsEntry("store", "memory");
  }

  @Test
  void demo_invalidOption_exitsWithAConfigurationError() throws Exception {
    AppProcess.Result result = AppProcess.run(dir, Map.of(), 30, "demo", "--managers", "0");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("--managers must be at least 1, but was 0");
  }
}
