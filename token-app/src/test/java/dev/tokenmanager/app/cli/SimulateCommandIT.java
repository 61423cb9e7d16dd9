package dev.tokenmanager.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmanager.redis.testing.TestRedis;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code token-app simulate} as a real process: a day of a 50-process fleet in virtual time. */
class SimulateCommandIT {

  @TempDir
  Path dir;

  @Test
  void simulate_fiftyProcessesForADay_oneMintPerRotationNoFailureUnderAMinute() throws Exception {
    AppProcess.Result result = AppProcess.run(dir, Map.of(), 120, "simulate", "--processes", "50", "--hours", "24");

    Map<String, String> summary = result.summary();
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(summary).containsEntry("mints_per_rotation", "1.00").containsEntry("failures", "0")
        .containsEntry("below_min_remaining", "0").containsEntry("callers_blocked_on_network", "0");
    assertThat(Integer.parseInt(summary.get("rotations"))).isGreaterThanOrEqualTo(24);
    assertThat(Double.parseDouble(summary.get("elapsed").replace(" s", ""))).isLessThan(60.0);
  }

  @Test
  void simulate_storeOutageAcrossARotationAndShortEndpointErrors_noFailure() throws Exception {
    AppProcess.Result result = AppProcess.run(dir, Map.of(), 120, "simulate", "--processes", "50", "--hours", "24",
        "--redis-outage", "30m@3h", "--endpoint-errors", "503:8m@5h");

    Map<String, String> summary = result.summary();
    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(summary).containsEntry("failures", "0").containsEntry("below_min_remaining", "0");
    assertThat(Integer.parseInt(summary.get("mints"))).as("each process mints on its own while the store is down")
        .isGreaterThan(Integer.parseInt(summary.get("rotations")));
    assertThat(Integer.parseInt(summary.get("endpoint_requests"))).isGreaterThan(Integer.parseInt(summary.get("mints")));
  }

  @Test
  void simulate_onRealRedis_oneMintPerRotation() throws Exception {
    try (TestRedis redis = TestRedis.resolve()) {
      AppProcess.Result result = AppProcess.run(dir, Map.of("REDIS_URL", redis.uri()), 120,
          "simulate", "--processes", "20", "--hours", "6", "--store", "redis");

      Map<String, String> summary = result.summary();
      assertThat(result.exitCode()).as(result.toString()).isZero();
      assertThat(summary.get("store")).startsWith("redis://");
      assertThat(summary).containsEntry("mints_per_rotation", "1.00").containsEntry("failures", "0");
    }
  }

  @Test
  void simulate_malformedFault_exits2NamingTheOption() throws Exception {
    AppProcess.Result result = AppProcess.run(dir, Map.of(), 30, "simulate", "--redis-outage", "soon");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("--redis-outage must look like 10m@3h");
  }
}
