package dev.tokenmanager.zoom.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.tokenmanager.core.TokenManager;
import dev.tokenmanager.core.model.FailureKind;
import dev.tokenmanager.core.model.TokenKey;
import dev.tokenmanager.core.testing.InMemoryTokenStore;
import dev.tokenmanager.core.testing.ManualClock;
import dev.tokenmanager.zoom.ZoomConfig;
import dev.tokenmanager.zoom.ZoomCredentials;
import dev.tokenmanager.zoom.ZoomTokenSource;
import feign.Feign;
import feign.Param;
import feign.Request;
import feign.RequestLine;
import feign.RetryableException;
import feign.http2client.Http2Client;
import feign.slf4j.Slf4jLogger;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * A team's Feign interface calling a fake Zoom API (WireMock) through {@link ZoomApiAuth}, with a real
 * {@link TokenManager} that mints from a fake token endpoint (WireMock) through the real {@link
 * ZoomTokenSource}. Every request and every mint is counted on the wire.
 */
class ZoomApiAuthIT {

  private static final String T1 = "eyJhbGciOiJIUzUxMiJ9.api-token-ONE.sig";
  private static final String T2 = "eyJhbGciOiJIUzUxMiJ9.api-token-TWO.sig";
  private static final String T3 = "eyJhbGciOiJIUzUxMiJ9.api-token-THREE.sig";
  private static final String ME = "/v2/users/me";

  /** The team's own interface for the Zoom API: the module knows nothing of it. */
  interface ZoomApi {
    @RequestLine("GET /users/me")
    String me();

    @RequestLine("GET /users?page_size={size}")
    String users(@Param("size") int size);
  }

  private static WireMockServer oauth;
  private static WireMockServer zoomApi;
  private static WireMockServer regionalApi;
  private static HttpClient http;

  private ManualClock clock;
  private InMemoryTokenStore store;
  private ZoomTokenSource source;
  private TokenManager manager;
  private TokenKey key;
  private HookedClient client;

  @BeforeAll
  static void startServers() {
    oauth = new WireMockServer(options().dynamicPort());
    zoomApi = new WireMockServer(options().dynamicPort().containerThreads(80));
    regionalApi = new WireMockServer(options().dynamicPort());
    oauth.start();
    zoomApi.start();
    regionalApi.start();
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
  }

  @AfterAll
  static void stopServers() {
    oauth.stop();
    zoomApi.stop();
    regionalApi.stop();
  }

  @BeforeEach
  void setUp() {
    oauth.resetAll();
    zoomApi.resetAll();
    regionalApi.resetAll();
    clock = ManualClock.create();
    store = new InMemoryTokenStore(clock);
    ZoomConfig config = ZoomConfig.of(oauth.baseUrl()).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));
    ZoomCredentials credentials = ZoomCredentials.of("account-1", "client-1", "s3cr3t-Api-IT-7");
    source = ZoomTokenSource.create(config, clock, credentials);
    key = config.keyFor(credentials);
    manager = TokenManager.builder(source, store).key(key).clock(clock).build();
    client = new HookedClient(new Http2Client(http));
    mintsInTurn(null, T1, T2, T3);
  }

  @AfterEach
  void tearDown() {
    manager.close();
    source.close();
  }

  // ---- the header ----

  @Test
  void call_always_sendsTheTokenAsBearerHeaderAndNeverInTheUrl() {
    answer(T1, ok());

    api(auth()).users(30);

    LoggedRequest request = single(zoomApi.findAll(getRequestedFor(anyUrl())));
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + T1);
    assertThat(request.getUrl()).isEqualTo("/v2/users?page_size=30").doesNotContain(T1);
    assertThat(request.getQueryParams()).containsOnlyKeys("page_size");
  }

  // ---- 401 / 124 ----

  @Test
  void call_401code124Once_mintsOnceAndRetriesOnceWithTheNewToken() {
    answer(T1, zoomError(401, 124, "Access token is expired."));
    answer(T2, ok());

    String body = api(auth()).me();

    assertThat(body).isEqualTo("{\"id\":\"me\"}");
    assertThat(authorizations()).containsExactly("Bearer " + T1, "Bearer " + T2);
    assertThat(mints()).isEqualTo(2);
    assertThat(manager.token(key).value()).isEqualTo(T2);
    assertThat(store.load(key)).get().extracting(t -> t.value()).isEqualTo(T2);
  }

  @Test
  void call_401code124Twice_throwsTokenRejectedAfterTwoRequestsAndOneExtraMint() {
    answer(T1, zoomError(401, 124, "Invalid access token."));
    answer(T2, zoomError(401, 124, "Invalid access token."));

    Throwable thrown = catchThrowable(() -> api(auth()).me());

    assertThat(thrown).isInstanceOf(ZoomTokenRejectedException.class);
    ZoomTokenRejectedException rejected = (ZoomTokenRejectedException) thrown;
    assertThat(rejected.afterRefresh()).isTrue();
    assertThat(rejected.status()).isEqualTo(401);
    assertThat(rejected.code()).hasValue(124);
    assertThat(rejected.kind()).isEqualTo(FailureKind.CREDENTIALS_REJECTED);
    assertThat(authorizations()).containsExactly("Bearer " + T1, "Bearer " + T2);
    assertThat(mints()).isEqualTo(2);
    assertThat(textOf(thrown)).doesNotContain(T1, T2, "Bearer ");
  }

  @Test
  void call_50ConcurrentCallsAllRejected_mintOnceAndRetryEachOnceWithTheNewToken() throws Exception {
    int callers = 50;
    answer(T1, zoomError(401, 124, "Invalid access token."));
    answer(T2, ok());
    assertThat(manager.token(key).value()).isEqualTo(T1);
    CountDownLatch allBuiltWithT1 = new CountDownLatch(callers);
    client.beforeSend(request -> {
      if (T1.equals(ZoomErrorDecoder.bearerValue(request))) {
        // No T1 request leaves before all 50 have been built with T1: all 50 really get the 401.
        allBuiltWithT1.countDown();
        await(allBuiltWithT1);
      }
    });
    ZoomApi api = api(auth());
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<String>> calls = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        calls.add(pool.submit(api::me));
      }
      for (Future<String> call : calls) {
        assertThat(call.get(30, TimeUnit.SECONDS)).isEqualTo("{\"id\":\"me\"}");
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(requestsWith(T1)).isEqualTo(callers);
    assertThat(requestsWith(T2)).isEqualTo(callers);
    assertThat(mints()).isEqualTo(2);
  }

  @Test
  void call_late401ForTheOldTokenAfterTheSuccessorIsCurrent_keepsTheSuccessor() {
    answer(T1, zoomError(401, 124, "Invalid access token."));
    answer(T2, ok());
    ZoomApi api = api(auth());
    // Call A's 401 for T1 is held back while call B meets its own 401, refreshes to T2 and succeeds.
    client.afterNextResponse(() -> assertThat(CompletableFuture.supplyAsync(api::me).join()).contains("me"));

    String a = api.me();

    assertThat(a).contains("me");
    assertThat(authorizations()).containsExactly("Bearer " + T1, "Bearer " + T1, "Bearer " + T2, "Bearer " + T2);
    assertThat(mints()).as("A's late 401 for T1 must not evict T2").isEqualTo(2);
    assertThat(manager.token(key).value()).isEqualTo(T2);
  }

  // ---- errors that never refresh ----

  @Test
  void call_400code4711_throwsScopeErrorWithTheScopesAfterOneRequestAndNoMint() {
    answer(T1, zoomError(400, 4711,
        "Invalid access token, does not contain scopes:[user:read:admin, meeting:write:admin]."));

    Throwable thrown = catchThrowable(() -> api(auth()).me());

    assertThat(thrown).isInstanceOf(ZoomScopeException.class);
    assertThat(((ZoomScopeException) thrown).missingScopes()).containsExactly("user:read:admin", "meeting:write:admin");
    assertThat(authorizations()).hasSize(1);
    assertThat(mints()).isEqualTo(1);
    assertThat(manager.token(key).value()).isEqualTo(T1);
  }

  @Test
  void call_429WithDeltaSeconds_throwsRateLimitRetryingTwentySecondsFromNow() {
    clock.advance(Duration.ofMinutes(3));
    answer(T1, rateLimited("20", "QPS"));

    ZoomRateLimitException e = rateLimitedCall();

    assertThat(e.retryAt()).contains(clock.now().plusSeconds(20));
    assertThat(e.limitType()).contains("QPS");
  }

  @Test
  void call_429WithHttpDate_throwsRateLimitRetryingAtThatDate() {
    answer(T1, rateLimited("Tue, 01 Jan 2030 00:00:00 GMT", null));

    ZoomRateLimitException e = rateLimitedCall();

    assertThat(e.retryAt()).contains(Instant.parse("2030-01-01T00:00:00Z"));
    assertThat(e.limitType()).isEmpty();
  }

  @Test
  void call_429WithIsoInstantAndDailyLimit_throwsRateLimitRetryingAtThatInstant() {
    answer(T1, rateLimited("2030-01-01T00:00:00Z", "Daily-limit"));

    ZoomRateLimitException e = rateLimitedCall();

    assertThat(e.retryAt()).contains(Instant.parse("2030-01-01T00:00:00Z"));
    assertThat(e.limitType()).contains("Daily-limit");
  }

  @ParameterizedTest
  @ValueSource(ints = {403, 404})
  void call_403or404_throwsApiErrorAfterOneRequestAndNoMint(int status) {
    answer(T1, zoomError(status, 1001, "User does not exist: someone@example.com."));

    Throwable thrown = catchThrowable(() -> api(auth()).me());

    assertThat(thrown).isExactlyInstanceOf(ZoomApiException.class);
    assertThat(((ZoomApiException) thrown).status()).isEqualTo(status);
    assertThat(((ZoomApiException) thrown).code()).hasValue(1001);
    assertThat(authorizations()).hasSize(1);
    assertThat(mints()).isEqualTo(1);
  }

  @Test
  void call_connectionReset_propagatesAtOnceWithoutRetryOrMint() {
    zoomApi.stubFor(get(urlPathEqualTo(ME)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    AtomicInteger feignAttempts = new AtomicInteger();
    client.beforeSend(request -> feignAttempts.incrementAndGet());

    Throwable thrown = catchThrowable(() -> api(auth()).me());

    assertThat(thrown).isInstanceOf(RetryableException.class).isNotInstanceOf(TokenRefreshSignal.class);
    // Counted at the Feign client: below it, the JDK client may itself resend an idempotent GET once.
    assertThat(feignAttempts).hasValue(1);
    assertThat(mints()).isEqualTo(1);
  }

  // ---- api_url ----

  @Test
  void call_withTokenApiUrl_landsOnTheTokensClusterUnderTheTargetsPath() {
    oauth.resetAll();
    mintsInTurn(regionalApi.baseUrl(), T1);
    regionalApi.stubFor(get(urlPathEqualTo(ME)).withHeader("Authorization", equalTo("Bearer " + T1)).willReturn(ok()));

    String body = api(auth().withTokenApiUrl(true)).me();

    assertThat(body).contains("me");
    assertThat(regionalApi.findAll(getRequestedFor(urlEqualTo(ME)))).hasSize(1);
    assertThat(zoomApi.findAll(getRequestedFor(anyUrl()))).isEmpty();
  }

  @Test
  void call_withoutTokenApiUrl_staysOnTheTarget() {
    oauth.resetAll();
    mintsInTurn(regionalApi.baseUrl(), T1);
    answer(T1, ok());

    api(auth()).me();

    assertThat(zoomApi.findAll(getRequestedFor(urlEqualTo(ME)))).hasSize(1);
    assertThat(regionalApi.findAll(getRequestedFor(anyUrl()))).isEmpty();
  }

  // ---- secrets ----

  @Test
  void call_rejectedTwiceWithDebugLogging_logsFingerprintsButNoToken() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level before = root.getLevel();
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    root.addAppender(appender);
    root.setLevel(Level.TRACE);
    try {
      answer(T1, zoomError(401, 124, "Invalid access token."));
      answer(T2, zoomError(401, 124, "Invalid access token."));
      Feign.Builder builder = Feign.builder().client(client)
          .logger(new Slf4jLogger("zoom-api-it")).logLevel(feign.Logger.Level.BASIC);
      ZoomApi api = auth().configure(builder).target(ZoomApi.class, zoomApi.baseUrl() + "/v2");

      catchThrowable(api::me);
    } finally {
      root.detachAppender(appender);
      root.setLevel(before);
    }

    List<String> lines = new ArrayList<>();
    appender.list.forEach(event -> lines.add(event.getLoggerName() + " " + event.getFormattedMessage()));
    assertThat(lines).as("the capture works").anyMatch(line -> line.contains("Zoom rejected sha256:"))
        .anyMatch(line -> line.contains("---> GET " + zoomApi.baseUrl() + ME));
    assertThat(lines).allSatisfy(line -> assertThat(line).doesNotContain(T1, T2, "Bearer "));
  }

  // ---- helpers ----

  private ZoomApiAuth auth() {
    return ZoomApiAuth.create(manager, key).withClock(clock);
  }

  private ZoomApi api(ZoomApiAuth auth) {
    return auth.configure(Feign.builder().client(client)
            .options(new Request.Options(Duration.ofSeconds(2), Duration.ofSeconds(5), false)))
        .target(ZoomApi.class, zoomApi.baseUrl() + "/v2");
  }

  private ZoomRateLimitException rateLimitedCall() {
    Throwable thrown = catchThrowable(() -> api(auth()).me());
    assertThat(thrown).isInstanceOf(ZoomRateLimitException.class);
    assertThat(authorizations()).hasSize(1);
    assertThat(mints()).isEqualTo(1);
    return (ZoomRateLimitException) thrown;
  }

  /** Makes the token endpoint mint the given tokens in turn, each naming apiUrl (or none if null). */
  private static void mintsInTurn(String apiUrl, String... tokens) {
    for (int i = 0; i < tokens.length; i++) {
      String body = "{\"access_token\":\"" + tokens[i] + "\",\"token_type\":\"bearer\",\"expires_in\":3599,"
          + "\"scope\":\"user:read:admin\"" + (apiUrl == null ? "" : ",\"api_url\":\"" + apiUrl + "\"") + "}";
      oauth.stubFor(post(urlEqualTo("/oauth/token")).inScenario("mint")
          .whenScenarioStateIs(i == 0 ? STARTED : "minted-" + i)
          .willSetStateTo("minted-" + (i + 1))
          .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
    }
  }

  private static void answer(String token, ResponseDefinitionBuilder response) {
    zoomApi.stubFor(get(anyUrl()).withHeader("Authorization", equalTo("Bearer " + token)).willReturn(response));
  }

  private static ResponseDefinitionBuilder ok() {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"id\":\"me\"}");
  }

  private static ResponseDefinitionBuilder zoomError(int status, int code, String message) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json;charset=UTF-8")
        .withBody("{\"code\":" + code + ",\"message\":\"" + message + "\"}");
  }

  private static ResponseDefinitionBuilder rateLimited(String retryAfter, String limitType) {
    ResponseDefinitionBuilder response = zoomError(429, 429,
        "You have reached the maximum per-second rate limit for this API. Try again later.")
        .withHeader("Retry-After", retryAfter);
    return limitType == null ? response : response.withHeader("X-RateLimit-Type", limitType);
  }

  private static int mints() {
    return oauth.findAll(postRequestedFor(urlEqualTo("/oauth/token"))).size();
  }

  private static int requestsWith(String token) {
    return zoomApi.findAll(getRequestedFor(anyUrl()).withHeader("Authorization", equalTo("Bearer " + token))).size();
  }

  /** Returns the Authorization headers of the API requests, in the order they arrived. */
  private static List<String> authorizations() {
    List<String> values = new ArrayList<>();
    zoomApi.findAll(getRequestedFor(anyUrl())).forEach(r -> values.add(r.getHeader("Authorization")));
    return values;
  }

  private static LoggedRequest single(List<LoggedRequest> requests) {
    assertThat(requests).hasSize(1);
    return requests.get(0);
  }

  private static String textOf(Throwable thrown) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      text.append(t).append('\n');
    }
    return text.toString();
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(20, TimeUnit.SECONDS)) {
        throw new IllegalStateException("not every caller sent its request in time");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
