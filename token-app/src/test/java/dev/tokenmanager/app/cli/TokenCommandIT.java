package dev.tokenmanager.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmanager.app.sandbox.SandboxSettings;
import dev.tokenmanager.app.sandbox.ZoomSandbox;
import dev.tokenmanager.core.model.Secret;
import dev.tokenmanager.core.port.Clock;
import dev.tokenmanager.redis.testing.TestRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code token-app token} as a real process against a Zoom-like endpoint and a real Redis. */
class TokenCommandIT {

  private static final String SECRET = "cli-test-secret-9f2c";

  @TempDir
  Path dir;

  private ZoomSandbox sandbox;
  private TestRedis redis;

  @BeforeEach
  void start() throws Exception {
    sandbox = ZoomSandbox.start(SandboxSettings.defaults().withTokenLifetime(Duration.ofHours(1))
        .withCredentials("acct+cli", "cli-client", Secret.of(SECRET)), Clock.system());
    redis = TestRedis.resolve();
  }

  @AfterEach
  void stop() throws Exception {
    sandbox.close();
    redis.close();
  }

  private Map<String, String> env(String secret) {
    Map<String, String> env = new HashMap<>();
    env.put("ZOOM_ACCOUNT_ID", "acct+cli");
    env.put("ZOOM_CLIENT_ID", "cli-client");
    env.put("ZOOM_CLIENT_SECRET", secret);
    env.put("ZOOM_OAUTH_URL", sandbox.baseUrl().toString());
    return env;
  }

  @Test
  void token_runTwiceWithRedis_theSecondRunMintsNothing() throws Exception {
    Map<String, String> env = env(SECRET);
    env.put("REDIS_URL", redis.uri());

    AppProcess.Result first = AppProcess.run(dir, env, 60, "token");
    AppProcess.Result second = AppProcess.run(dir, env, 60, "token");

    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(first.summary()).containsEntry("source", "minted").containsEntry("type", "bearer");
    assertThat(first.summary().get("token")).startsWith("sha256:").contains("masked");
    assertThat(first.summary().get("api_url")).isEqualTo(sandbox.baseUrl().toString());
    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(second.summary()).containsEntry("source", "store");
    assertThat(second.summary().get("token")).isEqualTo(first.summary().get("token"));
    assertThat(sandbox.mints()).isEqualTo(1);
  }

  @Test
  void token_withAnEncryptionKey_sealsTheValueInRedisAndReadsItBack() throws Exception {
    Map<String, String> env = env(SECRET);
    env.put("REDIS_URL", redis.uri());
    env.put("TOKEN_ENCRYPTION_KEY", java.util.Base64.getEncoder().encodeToString(new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}));

    AppProcess.Result first = AppProcess.run(dir, env, 60, "token", "--raw");
    AppProcess.Result second = AppProcess.run(dir, env, 60, "token");

    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(second.summary()).as(second.toString()).containsEntry("source", "store");
    assertThat(sandbox.mints()).isEqualTo(1);
    String raw = redisCli("--scan", "--pattern", "tm:enc:*" + sandbox.baseUrl().getPort() + "*:token");
    assertThat(raw).isNotBlank();
    String stored = redisCli("GET", raw.strip());
    String token = first.stdout();
    assertThat(stored).contains("tmenc1.").doesNotContain(token).doesNotContain(token.substring(4, 14));
  }

  private String redisCli(String... args) throws Exception {
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("redis-cli", "-u", redis.uri()));
    command.addAll(java.util.List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    return out;
  }

  @Test
  void token_raw_printsExactlyAWorkingToken() throws Exception {
    AppProcess.Result result = AppProcess.run(dir, env(SECRET), 60, "token", "--raw");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout()).doesNotContain("\n").doesNotContain(" ");
    assertThat(sandbox.accepts(result.stdout())).isTrue();
  }

  @Test
  void token_settingsFromDotEnv_areRead() throws Exception {
    StringBuilder dotEnv = new StringBuilder();
    env(SECRET).forEach((name, value) -> dotEnv.append(name).append("=\"").append(value).append("\"\n"));
    Files.writeString(dir.resolve(".env"), dotEnv);

    AppProcess.Result result = AppProcess.run(dir, Map.of(), 60, "token");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout()).contains("store: memory");
  }

  @Test
  void token_wrongSecret_exits3WithoutPrintingTheSecret() throws Exception {
    AppProcess.Result result = AppProcess.run(dir, env("wrong-secret-value-123"), 60, "token");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
    assertThat(result.stderr()).contains("invalid_client").doesNotContain("wrong-secret-value-123");
    assertThat(result.stdout()).doesNotContain("wrong-secret-value-123");
  }

  @Test
  void token_missingClientId_exits2NamingTheVariable() throws Exception {
    Map<String, String> env = env(SECRET);
    env.remove("ZOOM_CLIENT_ID");

    AppProcess.Result result = AppProcess.run(dir, env, 60, "token");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("ZOOM_CLIENT_ID").doesNotContain(SECRET);
  }

  @Test
  void token_wrongAccount_exits2WithZoomsReason() throws Exception {
    Map<String, String> env = env(SECRET);
    env.put("ZOOM_ACCOUNT_ID", "someone-else");

    AppProcess.Result result = AppProcess.run(dir, env, 60, "token");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.stderr()).contains("invalid_request");
  }

  @Test
  void token_endpointDown_exits4() throws Exception {
    sandbox.failTokenRequests(503, "text/html", "<html>down</html>");

    AppProcess.Result result = AppProcess.run(dir, env(SECRET), 60, "token");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(4);
    assertThat(result.stderr()).contains("503");
  }

  @Test
  void token_redisConfiguredButDown_warnsAndStillSucceeds() throws Exception {
    Map<String, String> env = env(SECRET);
    env.put("REDIS_URL", "redis://127.0.0.1:1");

    AppProcess.Result result = AppProcess.run(dir, env, 60, "token");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stderr()).contains("warning").contains("unreachable");
    assertThat(result.summary()).containsEntry("source", "minted");
  }
}
