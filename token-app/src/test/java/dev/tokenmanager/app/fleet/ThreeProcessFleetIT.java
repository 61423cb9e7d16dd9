package dev.tokenmanager.app.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmanager.app.sandbox.SandboxSettings;
import dev.tokenmanager.app.sandbox.ZoomSandbox;
import dev.tokenmanager.core.model.Secret;
import dev.tokenmanager.core.port.Clock;
import dev.tokenmanager.redis.testing.TestRedis;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three real JVMs (the app jar's worker command) share Redis and the token endpoint: one mint per rotation. */
class ThreeProcessFleetIT {

  @TempDir
  Path dir;

  @Test
  void threeJvms_throughSeveralRotations_mintOncePerRotation() throws Exception {
    SandboxSettings settings = SandboxSettings.defaults().withTokenLifetime(Duration.ofSeconds(8))
        .withCredentials("fleet-account", "fleet-client", Secret.of("fleet-secret-3f9a"));
    try (TestRedis redis = TestRedis.resolve(); ZoomSandbox sandbox = ZoomSandbox.start(settings, Clock.system())) {
      Map<String, String> env = Map.of(
          "ZOOM_ACCOUNT_ID", "fleet-account",
          "ZOOM_CLIENT_ID", "fleet-client",
          "ZOOM_CLIENT_SECRET", "fleet-secret-3f9a",
          "ZOOM_OAUTH_URL", sandbox.baseUrl().toString(),
          "REDIS_URL", redis.uri());
      List<Process> processes = new ArrayList<>();
      List<Path> outputs = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        Path out = dir.resolve("worker-" + i + ".txt");
        outputs.add(out);
        processes.add(start(env, out, "worker", "--duration", "20s", "--jobs", "4", "--call-api"));
      }
      for (Process process : processes) {
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
      }

      Set<String> allTokens = new HashSet<>();
      for (int i = 0; i < 3; i++) {
        String stdout = Files.readString(outputs.get(i), StandardCharsets.UTF_8) + "\n--- stderr\n"
            + Files.readString(outputs.get(i).resolveSibling(outputs.get(i).getFileName() + ".err"), StandardCharsets.UTF_8);
        Map<String, String> summary = summary(stdout);
        assertThat(processes.get(i).exitValue()).as(stdout).isZero();
        assertThat(summary).containsEntry("failures", "0").containsEntry("api_rejected", "0")
            .containsEntry("expired_handed_out", "0");
        List<String> seen = Arrays.asList(summary.get("tokens_seen").split(","));
        assertThat(seen.size()).as("rotations seen by worker %d", i).isGreaterThanOrEqualTo(3);
        allTokens.addAll(seen);
      }
      // Every token minted was the one token of its rotation, used by all three processes.
      assertThat(sandbox.mints()).isBetween(allTokens.size(), allTokens.size() + 1);
      assertThat(sandbox.apiRejected()).isZero();
    }
  }

  private Process start(Map<String, String> env, Path out, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", Path.of("target", "token-app.jar").toAbsolutePath().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(out.toFile()).redirectError(out.resolveSibling(out.getFileName() + ".err").toFile());
    builder.environment().keySet().removeIf(name -> !name.equals("PATH") && !name.equals("HOME"));
    builder.environment().putAll(env);
    return builder.start();
  }

  private static Map<String, String> summary(String stdout) {
    Map<String, String> lines = new LinkedHashMap<>();
    for (String line : stdout.split("\n")) {
      int colon = line.indexOf(": ");
      if (colon > 0) {
        lines.put(line.substring(0, colon), line.substring(colon + 2).trim());
      }
    }
    return lines;
  }
}
