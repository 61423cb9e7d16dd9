package dev.tokenmanager.app.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenmanager.app.cli.AppProcess;
import dev.tokenmanager.app.sandbox.SandboxSettings;
import dev.tokenmanager.app.sandbox.ZoomSandbox;
import dev.tokenmanager.core.model.Secret;
import dev.tokenmanager.core.port.Clock;
import dev.tokenmanager.redis.testing.TestRedis;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo and the token service run with DEBUG logging (ours and every library's): no token value,
 * client secret, serve key or Basic header appears in anything they print.
 */
class LogScanIT {

  private static final Map<String, String> DEBUG = Map.of("TOKEN_LOG_LEVEL", "DEBUG", "TOKEN_LIB_LOG_LEVEL", "DEBUG");
  private static final Pattern SANDBOX_TOKEN = Pattern.compile("sbx\\.[A-Za-z0-9_-]{8,}");

  @TempDir
  Path dir;

  @Test
  void demo_atDebug_printsNoTokenSecretOrBasicHeader() throws Exception {
    String secret = "demo-secret-7c1e9a";
    try (TestRedis redis = TestRedis.resolve()) {
      Map<String, String> env = new HashMap<>(DEBUG);
      env.put("REDIS_URL", redis.uri());

      AppProcess.Result result = AppProcess.run(dir, env, 90, "demo", "--duration", "6s", "--token-lifetime", "4s",
          "--managers", "2", "--jobs", "2", "--client-secret", secret);

      String output = result.stdout() + result.stderr();
      assertThat(result.exitCode()).as(result.toString()).isZero();
      assertThat(output).as("DEBUG logging is on").contains("DEBUG");
      assertThat(SANDBOX_TOKEN.matcher(output).find()).as("a token value in the output").isFalse();
      assertThat(output).doesNotContain(secret).doesNotContain("Basic ").doesNotContainIgnoringCase("authorization:");
    }
  }

  @Test
  void serve_atDebug_printsNoTokenSecretServeKeyOrBasicHeader() throws Exception {
    String secret = "serve-secret-4b2d8f";
    String serveKey = "scan-serve-key-0123456789";
    try (TestRedis redis = TestRedis.resolve();
        ZoomSandbox sandbox = ZoomSandbox.start(SandboxSettings.defaults().withTokenLifetime(Duration.ofSeconds(6))
            .withCredentials("scan-acct", "scan-client", Secret.of(secret)), Clock.system())) {
      Map<String, String> env = new HashMap<>(DEBUG);
      env.putAll(Map.of("ZOOM_ACCOUNT_ID", "scan-acct", "ZOOM_CLIENT_ID", "scan-client", "ZOOM_CLIENT_SECRET", secret,
          "ZOOM_OAUTH_URL", sandbox.baseUrl().toString(), "REDIS_URL", redis.uri(), "TOKEN_SERVE_KEY", serveKey));
      String output;
      try (ServeProcess serve = ServeProcess.start(dir, env)) {
        await().atMost(20, TimeUnit.SECONDS).until(() -> serve.get("/health").statusCode() == 200);
        await().atMost(20, TimeUnit.SECONDS).until(() -> sandbox.mints() >= 3);
        assertThat(serve.get("/token", "Authorization", "Bearer " + serveKey).statusCode()).isEqualTo(200);
        serve.get("/metrics");
        serve.get("/");
        serve.process.destroy();
        serve.process.waitFor(15, TimeUnit.SECONDS);
        output = serve.output();
      }

      assertThat(output).as("DEBUG logging is on").contains("DEBUG");
      assertThat(output).as("Lettuce prints command results at DEBUG").contains("Completing command")
          .contains(" chars>");
      assertThat(sandbox.issuedTokens()).isNotEmpty();
      for (String token : sandbox.issuedTokens()) {
        assertThat(output).doesNotContain(token).doesNotContain(token.substring(4, 16));
      }
      assertThat(output).doesNotContain(secret).doesNotContain(serveKey).doesNotContain("Basic ");
    }
  }
}
