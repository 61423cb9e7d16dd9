package dev.tokenmanager.zoom;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.tokenmanager.core.error.ConfigurationRejectedException;
import dev.tokenmanager.core.error.CredentialsRejectedException;
import dev.tokenmanager.core.error.MalformedResponseException;
import dev.tokenmanager.core.error.RateLimitedException;
import dev.tokenmanager.core.error.TokenException;
import dev.tokenmanager.core.error.UpstreamUnavailableException;
import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.model.TokenKey;
import dev.tokenmanager.core.testing.ManualClock;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every failure mode of Zoom's token endpoint, against a real HTTP server. */
class ZoomTokenSourceIT {

  private static final String ACCOUNT = "a+b";
  private static final String CLIENT = "client-1";
  private static final String SECRET = "s3cr3t-Client-Value-42";
  private static final String TOKEN = "eyJhbGciOiJIUzUxMiJ9.it-token-VALUE.sig";
  private static final String BASIC = "Basic " + Base64.getEncoder()
      .encodeToString((CLIENT + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
  private static final String FORM = "grant_type=account_credentials&account_id=a%2Bb";

  private static final AtomicReference<Runnable> BEFORE_RESPONSE = new AtomicReference<>(() -> { });
  private static WireMockServer wireMock;

  private ManualClock clock;
  private ZoomConfig config;
  private ZoomTokenSource source;
  private TokenKey key;

  @BeforeAll
  static void startWireMock() {
    wireMock = new WireMockServer(options().dynamicPort().extensions(new BeforeResponseHook()));
    wireMock.start();
  }

  @AfterAll
  static void stopWireMock() {
    wireMock.stop();
  }

  @BeforeEach
  void setUp() {
    wireMock.resetAll();
    BEFORE_RESPONSE.set(() -> { });
    clock = ManualClock.create();
    config = ZoomConfig.of(wireMock.baseUrl()).withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2));
    ZoomCredentials credentials = ZoomCredentials.of(ACCOUNT, CLIENT, SECRET);
    source = ZoomTokenSource.create(config, clock, credentials);
    key = config.keyFor(credentials);
  }

  @AfterEach
  void tearDown() {
    source.close();
  }

  // ---- the request ----

  @Test
  void mint_always_sendsOneFormPostWithBasicAuthAndNoQuery() {
    stubToken(tokenJson("3599"));

    source.mint(key);

    List<LoggedRequest> requests = wireMock.findAll(postRequestedFor(anyUrl()));
    assertThat(requests).hasSize(1);
    LoggedRequest request = requests.get(0);
    assertThat(request.getMethod().value()).isEqualTo("POST");
    assertThat(request.getUrl()).isEqualTo("/oauth/token");
    assertThat(request.getQueryParams()).isEmpty();
    assertThat(request.getBody()).isEqualTo(FORM.getBytes(StandardCharsets.US_ASCII));
    assertThat(request.getHeader("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
    assertThat(request.getHeader("Authorization")).isEqualTo(BASIC);
    assertThat(request.getHeader("Accept")).isEqualTo("application/json");
    assertThat(wireMock.getAllServeEvents()).hasSize(1);
  }

  @Test
  void mint_otherSlot_sendsTheSameRequestForAnotherToken() {
    stubToken(tokenJson("3600"));

    AccessToken token = source.mint(key.withSlot(3));

    assertThat(token.value()).isEqualTo(TOKEN);
    wireMock.verify(1, postRequestedFor(urlEqualTo("/oauth/token"))
        .withHeader("Authorization", equalTo(BASIC))
        .withRequestBody(equalTo(FORM)));
  }

  @Test
  void mint_rotatedSecretInLookup_isUsedByTheNextMint() {
    stubToken(tokenJson("3600"));
    AtomicReference<ZoomCredentials> current = new AtomicReference<>(ZoomCredentials.of(ACCOUNT, CLIENT, SECRET));
    try (ZoomTokenSource rotating = ZoomTokenSource.create(config, clock, k -> Optional.of(current.get()))) {
      rotating.mint(key);
      current.set(ZoomCredentials.of(ACCOUNT, CLIENT, "rotated-Secret-7"));
      rotating.mint(key);
    }

    List<LoggedRequest> requests = wireMock.findAll(postRequestedFor(urlEqualTo("/oauth/token")));
    assertThat(requests).extracting(r -> r.getHeader("Authorization")).containsExactly(BASIC, "Basic "
        + Base64.getEncoder().encodeToString((CLIENT + ":rotated-Secret-7").getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void mint_keyOfAnotherHost_isConfigurationRejectedWithoutARequest() {
    TokenKey foreign = TokenKey.of("zoomgov.com", ACCOUNT, CLIENT);

    TokenException e = failure(ConfigurationRejectedException.class, foreign);

    assertThat(e).hasMessageContaining("zoomgov.com").hasMessageContaining(config.oauthHost());
    assertThat(wireMock.getAllServeEvents()).isEmpty();
  }

  @Test
  void mint_unknownAccount_isConfigurationRejectedWithoutARequest() {
    TokenKey unknown = TokenKey.of(config.oauthHost(), "other-account", CLIENT);

    TokenException e = failure(ConfigurationRejectedException.class, unknown);

    assertThat(e).hasMessageContaining("no Zoom credentials").hasMessageContaining("other-account");
    assertThat(wireMock.getAllServeEvents()).isEmpty();
  }

  // ---- success ----

  @Test
  void mint_expiresIn3599_expiresThen() {
    stubToken(tokenJson("3599"));

    AccessToken token = source.mint(key);

    assertThat(token.value()).isEqualTo(TOKEN);
    assertThat(token.tokenType()).isEqualTo("bearer");
    assertThat(token.expiresAt()).isEqualTo(clock.now().plusSeconds(3599));
  }

  @Test
  void mint_expiresIn3600_expiresThen() {
    stubToken(tokenJson("3600"));

    assertThat(source.mint(key).lifetime()).isEqualTo(Duration.ofSeconds(3600));
  }

  @Test
  void mint_expiresInMissing_assumes3599() {
    stubToken("{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"bearer\"}");

    assertThat(source.mint(key).lifetime()).isEqualTo(Duration.ofSeconds(3599));
  }

  @Test
  void mint_slowServer_countsTheLifetimeFromTheSendInstant() {
    Instant sentAt = clock.now();
    // The clock moves 30 s while the server works, and the server also takes 300 ms for real.
    BEFORE_RESPONSE.set(() -> clock.advance(Duration.ofSeconds(30)));
    wireMock.stubFor(post(urlPathEqualTo("/oauth/token")).willReturn(json(200, tokenJson("3600")).withFixedDelay(300)));

    AccessToken token = source.mint(key);

    assertThat(clock.now()).isEqualTo(sentAt.plusSeconds(30));
    assertThat(token.issuedAt()).isEqualTo(sentAt);
    assertThat(token.expiresAt()).isEqualTo(sentAt.plusSeconds(3600));
  }

  @Test
  void mint_apiUrlGiven_keepsIt() {
    stubToken("{\"access_token\":\"" + TOKEN + "\",\"expires_in\":3600,\"api_url\":\"https://eu01api.zoom.us\"}");

    assertThat(source.mint(key).apiUrl()).isEqualTo("https://eu01api.zoom.us");
  }

  @Test
  void mint_apiUrlAbsent_usesTheConfiguredDefault() {
    source.close();
    source = ZoomTokenSource.create(config.withDefaultApiUrl("https://api.zoomgov.com"), clock,
        ZoomCredentials.of(ACCOUNT, CLIENT, SECRET));
    stubToken(tokenJson("3600"));

    assertThat(source.mint(key).apiUrl()).isEqualTo("https://api.zoomgov.com");
  }

  @Test
  void mint_scopeString_isSplitIntoASet() {
    stubToken("{\"access_token\":\"" + TOKEN + "\",\"expires_in\":3600,"
        + "\"scope\":\"user:read:admin meeting:write:admin  report:read:admin\"}");

    assertThat(source.mint(key).scopes())
        .containsExactlyInAnyOrder("user:read:admin", "meeting:write:admin", "report:read:admin");
  }

  @Test
  void mint_unknownFields_areIgnored() {
    stubToken("{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"bearer\",\"refresh_token\":\"r\","
        + "\"expires_in\":3599,\"new_field\":{\"x\":[1,2,3]},\"flag\":true}");

    assertThat(source.mint(key).value()).isEqualTo(TOKEN);
  }

  // ---- 4xx ----

  @Test
  void mint_invalidClientOn400_isCredentialsRejected() {
    stub(json(400, "{\"reason\":\"Invalid client_id or client_secret\",\"error\":\"invalid_client\"}"));

    TokenException e = failure(CredentialsRejectedException.class, key);

    assertThat(e.isRetryable()).isFalse();
    assertThat(e).hasMessageContaining("HTTP 400").hasMessageContaining("invalid_client")
        .hasMessageContaining("Invalid client_id or client_secret");
  }

  @Test
  void mint_invalidClientOn401_isCredentialsRejected() {
    stub(json(401, "{\"reason\":\"Invalid client_id or client_secret\",\"error\":\"invalid_client\"}"));

    TokenException e = failure(CredentialsRejectedException.class, key);

    assertThat(e.isRetryable()).isFalse();
    assertThat(e).hasMessageContaining("HTTP 401").hasMessageContaining("invalid_client");
  }

  @Test
  void mint_invalidRequest_isConfigurationRejected() {
    stub(json(400, "{\"reason\":\"Bad Request\",\"error\":\"invalid_request\"}"));

    TokenException e = failure(ConfigurationRejectedException.class, key);

    assertThat(e.isRetryable()).isFalse();
    assertThat(e).hasMessageContaining("HTTP 400").hasMessageContaining("invalid_request")
        .hasMessageContaining("Bad Request");
  }

  @Test
  void mint_unsupportedGrantType_isConfigurationRejected() {
    stub(json(400, "{\"reason\":\"unsupported grant type\",\"error\":\"unsupported_grant_type\"}"));

    TokenException e = failure(ConfigurationRejectedException.class, key);

    assertThat(e.isRetryable()).isFalse();
    assertThat(e).hasMessageContaining("unsupported_grant_type").hasMessageContaining("unsupported grant type");
  }

  @Test
  void mint_400WithEmptyBody_isMalformed() {
    stub(aResponse().withStatus(400));

    TokenException e = failure(MalformedResponseException.class, key);

    assertThat(e.isRetryable()).isTrue();
    assertThat(e).hasMessageContaining("HTTP 400 with an empty body");
  }

  // ---- 429 ----

  @Test
  void mint_429WithRetryAfterSeconds_isRateLimitedUntilThen() {
    stub(json(429, "{\"code\":429,\"message\":\"You have reached the maximum per-second rate limit for this API.\"}")
        .withHeader("Retry-After", "20").withHeader("X-RateLimit-Type", "QPS"));

    RateLimitedException e = failure(RateLimitedException.class, key);

    assertThat(e.isRetryable()).isTrue();
    assertThat(e.retryAt()).contains(clock.now().plusSeconds(20));
    assertThat(e.limitType()).contains("QPS");
    assertThat(e).hasMessageContaining("HTTP 429");
    wireMock.verify(1, postRequestedFor(urlEqualTo("/oauth/token")));
  }

  @Test
  void mint_429WithRetryAfterHttpDate_isRateLimitedUntilThatDate() {
    stub(aResponse().withStatus(429).withHeader("Retry-After", "Tue, 01 Jan 2030 00:00:00 GMT"));

    RateLimitedException e = failure(RateLimitedException.class, key);

    assertThat(e.isRetryable()).isTrue();
    assertThat(e.retryAt()).contains(Instant.parse("2030-01-01T00:00:00Z"));
  }

  @Test
  void mint_429WithRetryAfterIsoInstant_isRateLimitedUntilThatInstant() {
    stub(aResponse().withStatus(429).withHeader("Retry-After", "2030-01-01T00:00:00Z")
        .withHeader("X-RateLimit-Type", "Daily-limit"));

    RateLimitedException e = failure(RateLimitedException.class, key);

    assertThat(e.isRetryable()).isTrue();
    assertThat(e.retryAt()).contains(Instant.parse("2030-01-01T00:00:00Z"));
    assertThat(e.limitType()).contains("Daily-limit");
    assertThat(e).hasMessageContaining("Daily-limit").hasMessageContaining("2030-01-01T00:00:00Z");
  }

  // ---- 5xx ----

  @Test
  void mint_500_isUpstreamUnavailable() {
    stub(json(500, "{\"code\":500,\"message\":\"Internal error\"}"));

    TokenException e = failure(UpstreamUnavailableException.class, key);

    assertThat(e.isRetryable()).isTrue();
    assertThat(e).hasMessageContaining("HTTP 500");
  }

  @Test
  void mint_502WithHtml_isUpstreamUnavailableWithoutTheHtml() {
    stub(aResponse().withStatus(502).withHeader("Content-Type", "text/html; charset=UTF-8")
        .withBody("<html><head><title>502 Bad Gateway</title></head><body>cloudflare</body></html>"));

    TokenException e = failure(UpstreamUnavailableException.class, key);

    assertThat(e.isRetryable()).isTrue();
    assertThat(e).hasMessageContaining("HTTP 502 with a non-JSON body (text/html)")
        .hasMessageNotContaining("<html").hasMessageNotContaining("cloudflare");
  }

  // ---- malformed 2xx ----

  @Test
  void mint_200WithEmptyObject_isMalformed() {
    stubToken("{}");

    TokenException e = failure(MalformedResponseException.class, key);

    assertThat(e.isRetryable()).isTrue();
    assertThat(e).hasMessageContaining("HTTP 200").hasMessageContaining("access_token is missing");
  }

  @Test
  void mint_200WithNonJsonBody_isMalformed() {
    stub(aResponse().withStatus(200).withHeader("Content-Type", "text/plain").withBody("access_token=" + TOKEN));

    TokenException e = failure(MalformedResponseException.class, key);

    assertThat(e.isRetryable()).isTrue();
    assertThat(e).hasMessageContaining("HTTP 200 with a non-JSON body (text/plain)");
  }

  @Test
  void mint_expiresInZero_isMalformed() {
    stubToken(tokenJson("0"));

    TokenException e = failure(MalformedResponseException.class, key);

    assertThat(e.isRetryable()).isTrue();
    assertThat(e).hasMessageContaining("expires_in").hasMessageContaining("but was 0");
  }

  @Test
  void mint_expiresInNegative_isMalformed() {
    stubToken(tokenJson("-5"));

    TokenException e = failure(MalformedResponseException.class, key);

    assertThat(e.isRetryable()).isTrue();
    assertThat(e).hasMessageContaining("expires_in").hasMessageContaining("but was -5");
  }

  @Test
  void mint_expiresInFractional_isMalformed() {
    stubToken(tokenJson("3600.5"));

    TokenException e = failure(MalformedResponseException.class, key);

    assertThat(e.isRetryable()).isTrue();
    assertThat(e).hasMessageContaining("expires_in is not a whole number of seconds");
  }

  // ---- transport ----

  @Test
  void mint_responseNeverComes_failsAfterTheReadTimeoutWithOneRequest() {
    source.close();
    source = ZoomTokenSource.create(config.withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(500)), clock,
        ZoomCredentials.of(ACCOUNT, CLIENT, SECRET));
    wireMock.stubFor(post(urlPathEqualTo("/oauth/token")).willReturn(json(200, tokenJson("3600")).withFixedDelay(3000)));

    long start = System.nanoTime();
    TokenException e = failure(UpstreamUnavailableException.class, key);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

    assertThat(e.isRetryable()).isTrue();
    assertThat(e).hasMessageContaining("token endpoint unreachable: read timed out after 500ms");
    assertThat(elapsed).isBetween(Duration.ofMillis(450), Duration.ofMillis(1500));
    assertThat(wireMock.findAll(postRequestedFor(anyUrl()))).hasSize(1);
  }

  @Test
  void mint_connectionRefused_isUpstreamUnavailable() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    ZoomConfig closed = ZoomConfig.of("http://127.0.0.1:" + closedPort);
    ZoomCredentials credentials = ZoomCredentials.of(ACCOUNT, CLIENT, SECRET);

    try (ZoomTokenSource refused = ZoomTokenSource.create(closed, clock, credentials)) {
      Throwable thrown = catchThrowable(() -> refused.mint(closed.keyFor(credentials)));

      assertThat(thrown).isInstanceOf(UpstreamUnavailableException.class)
          .hasMessageContaining("token endpoint unreachable: connection refused");
      assertThat(((TokenException) thrown).isRetryable()).isTrue();
      assertNoSecretIn(thrown);
    }
  }

  @Test
  void mint_connectionReset_isUpstreamUnavailableWithOnePost() {
    stub(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

    TokenException e = failure(UpstreamUnavailableException.class, key);

    assertThat(e.isRetryable()).isTrue();
    assertThat(e).hasMessageStartingWith("token endpoint unreachable: ");
    assertThat(wireMock.findAll(postRequestedFor(anyUrl()))).hasSize(1);
  }

  // ---- helpers ----

  private <T extends TokenException> T failure(Class<T> type, TokenKey mintKey) {
    Throwable thrown = catchThrowable(() -> source.mint(mintKey));
    assertThat(thrown).isInstanceOf(type);
    assertNoSecretIn(thrown);
    assertThat(((TokenException) thrown).key()).contains(mintKey);
    return type.cast(thrown);
  }

  private static void assertNoSecretIn(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage()))
          .doesNotContain(SECRET)
          .doesNotContain("Basic ")
          .doesNotContain(BASIC.substring(6))
          .doesNotContain(TOKEN);
      assertThat(t.toString()).doesNotContain(SECRET).doesNotContain(TOKEN);
    }
  }

  private static String tokenJson(String expiresIn) {
    return "{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"bearer\",\"expires_in\":" + expiresIn
        + ",\"scope\":\"user:read:admin\"}";
  }

  private static void stubToken(String body) {
    stub(json(200, body));
  }

  private static void stub(ResponseDefinitionBuilder response) {
    wireMock.stubFor(any(anyUrl()).willReturn(response));
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
  }

  /** Runs {@link #BEFORE_RESPONSE} on the server just before each response goes out. */
  static final class BeforeResponseHook implements ServeEventListener {

    @Override
    public void beforeResponseSent(ServeEvent serveEvent, Parameters parameters) {
      BEFORE_RESPONSE.get().run();
    }

    @Override
    public boolean applyGlobally() {
      return true;
    }

    @Override
    public String getName() {
      return "before-response-hook";
    }
  }
}
