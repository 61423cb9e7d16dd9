package dev.tokenmanager.app.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenmanager.app.sandbox.SandboxSettings;
import dev.tokenmanager.app.sandbox.ZoomSandbox;
import dev.tokenmanager.core.model.Secret;
import dev.tokenmanager.core.port.Clock;
import dev.tokenmanager.redis.testing.TestRedis;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code token-app serve} as a real process: two apps (one with a pool of two), real Redis, real HTTP. */
class ServeCommandIT {

  private static final String SERVE_KEY = "serve-key-0123456789abcdef";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private ZoomSandbox sales;
  private ZoomSandbox support;
  private TestRedis redis;

  @BeforeEach
  void start() throws Exception {
    sales = ZoomSandbox.start(SandboxSettings.defaults().withTokenLifetime(Duration.ofHours(1))
        .withCredentials("sales-acct", "sales-client", Secret.of("sales-secret-1")), Clock.system());
    support = ZoomSandbox.start(SandboxSettings.defaults().withTokenLifetime(Duration.ofHours(1))
        .withCredentials("support-acct", "support-client", Secret.of("support-secret-2")), Clock.system());
    redis = TestRedis.resolve();
  }

  @AfterEach
  void stop() throws Exception {
    sales.close();
    support.close();
    redis.close();
  }

  private Map<String, String> env(boolean withServeKey) {
    Map<String, String> env = new HashMap<>();
    env.put("ZOOM_ACCOUNTS", "sales,support");
    env.put("ZOOM_SALES_ACCOUNT_ID", "sales-acct");
    env.put("ZOOM_SALES_CLIENT_ID", "sales-client");
    env.put("ZOOM_SALES_CLIENT_SECRET", "sales-secret-1");
    env.put("ZOOM_SALES_OAUTH_URL", sales.baseUrl().toString());
    env.put("ZOOM_SUPPORT_ACCOUNT_ID", "support-acct");
    env.put("ZOOM_SUPPORT_CLIENT_ID", "support-client");
    env.put("ZOOM_SUPPORT_CLIENT_SECRET", "support-secret-2");
    env.put("ZOOM_SUPPORT_OAUTH_URL", support.baseUrl().toString());
    env.put("ZOOM_SUPPORT_SLOTS", "2");
    env.put("REDIS_URL", redis.uri());
    if (withServeKey) {
      env.put("TOKEN_SERVE_KEY", SERVE_KEY);
    }
    return env;
  }

  @Test
  void serve_healthMetricsAndTokens_forEveryAppAndSlot() throws Exception {
    try (ServeProcess serve = ServeProcess.start(dir, env(true))) {
      assertThat(serve.get("/health/live").statusCode()).isEqualTo(200);
      await().atMost(20, TimeUnit.SECONDS).until(() -> serve.get("/health").statusCode() == 200);

      JsonNode health = JSON.readTree(serve.get("/health").body());
      assertThat(health.get("status").asText()).isEqualTo("UP");
      assertThat(health.get("keys")).hasSize(3).allSatisfy(key -> {
        assertThat(key.get("state").asText()).isEqualTo("FRESH");
        assertThat(key.get("mode").asText()).isEqualTo("SHARED");
        assertThat(key.get("remaining_seconds").asLong()).isGreaterThan(3000);
        assertThat(key.get("last_mint").isNull()).isFalse();
      });
      assertThat(health.toString()).doesNotContain("sbx.");

      HttpResponse<String> metrics = serve.get("/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body()).contains("token_mints_total", "token_seconds_to_expiry", "token_refresh_latency_seconds",
          "token_cache_hits_total", "layer=\"memory\"", "layer=\"endpoint\"", "token_store_degraded", "token_serving");

      assertThat(serve.get("/token?account=sales").statusCode()).isEqualTo(401);
      assertThat(serve.get("/token?account=sales", "Authorization", "Bearer wrong-key-0123456789").statusCode())
          .isEqualTo(401);
      HttpResponse<String> token = serve.get("/token?account=sales", "Authorization", "Bearer " + SERVE_KEY);
      assertThat(token.statusCode()).isEqualTo(200);
      assertThat(token.headers().firstValue("Cache-Control")).contains("no-store");
      JsonNode body = JSON.readTree(token.body());
      assertThat(sales.accepts(body.get("access_token").asText())).isTrue();
      assertThat(body.get("expires_in").asLong()).isGreaterThan(3000);
      assertThat(body.get("api_url").asText()).isEqualTo(sales.baseUrl().toString());

      String slot0 = tokenOf(serve, "/token?account=support&slot=0");
      String slot1 = tokenOf(serve, "/token?account=support&slot=1");
      assertThat(slot0).isNotEqualTo(slot1);
      assertThat(support.accepts(slot0)).isTrue();
      assertThat(support.accepts(slot1)).isTrue();
      assertThat(tokenOf(serve, "/token?account=support&job=nightly-export"))
          .isEqualTo(tokenOf(serve, "/token?account=support&job=nightly-export"));
      assertThat(serve.get("/token?account=nobody", "Authorization", "Bearer " + SERVE_KEY).statusCode()).isEqualTo(404);
      assertThat(sales.mints()).isEqualTo(1);
      assertThat(support.mints()).isEqualTo(2);
    }
  }

  private static String tokenOf(ServeProcess serve, String path) throws Exception {
    HttpResponse<String> response = serve.get(path, "Authorization", "Bearer " + SERVE_KEY);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body()).get("access_token").asText();
  }

  @Test
  void serve_withoutAServeKey_keepsTheTokenEndpointOff() throws Exception {
    try (ServeProcess serve = ServeProcess.start(dir, env(false))) {
      assertThat(serve.get("/token?account=sales", "Authorization", "Bearer " + SERVE_KEY).statusCode()).isEqualTo(404);
      assertThat(serve.output()).contains("/token off");
    }
  }

  @Test
  void serve_oneAppFailing_neverDelaysTheOther() throws Exception {
    support.failTokenRequests(503, "text/html", "<html>maintenance</html>");
    support.tokenLatency(Duration.ofSeconds(2));
    try (ServeProcess serve = ServeProcess.start(dir, env(true))) {
      await().atMost(20, TimeUnit.SECONDS).until(() -> serve.get("/health").body().contains("UPSTREAM_UNAVAILABLE"));

      long started = System.nanoTime();
      HttpResponse<String> token = serve.get("/token?account=sales", "Authorization", "Bearer " + SERVE_KEY);
      long millis = (System.nanoTime() - started) / 1_000_000;

      assertThat(token.statusCode()).isEqualTo(200);
      assertThat(millis).as("sales answered while support fails").isLessThan(1_000);
      HttpResponse<String> health = serve.get("/health");
      assertThat(health.statusCode()).isEqualTo(503);
      JsonNode keys = JSON.readTree(health.body()).get("keys");
      assertThat(keys.get(0).get("state").asText()).isEqualTo("FRESH");
      assertThat(keys.get(1).get("last_failure").get("kind").asText()).isEqualTo("UPSTREAM_UNAVAILABLE");
      HttpResponse<String> failing = serve.get("/token?account=support", "Authorization", "Bearer " + SERVE_KEY);
      assertThat(failing.statusCode()).isEqualTo(503);
      assertThat(failing.body()).contains("UPSTREAM_UNAVAILABLE").contains("\"retryable\":true");
    }
  }

  @Test
  void serve_sigterm_stopsRotationAndClosesCleanly() throws Exception {
    try (ServeProcess serve = ServeProcess.start(dir, env(true))) {
      await().atMost(20, TimeUnit.SECONDS).until(() -> serve.get("/health").statusCode() == 200);

      serve.process.destroy();

      assertThat(serve.process.waitFor(15, TimeUnit.SECONDS)).isTrue();
      assertThat(serve.output()).contains("token-app serve: stopping").contains("token-app serve: stopped");
    }
  }

  @Test
  void serve_missingSetting_exits2NamingItAndNotTheSecrets() throws Exception {
    Map<String, String> env = env(true);
    env.remove("ZOOM_SUPPORT_CLIENT_SECRET");

    dev.tokenmanager.app.cli.AppProcess.Result result = dev.tokenmanager.app.cli.AppProcess.run(dir, env, 30, "serve", "--port", "0");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("ZOOM_SUPPORT_CLIENT_SECRET").doesNotContain("sales-secret-1")
        .doesNotContain(SERVE_KEY);
  }
}
