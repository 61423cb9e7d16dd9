package dev.tokenmanager.zoom.api;

import static dev.tokenmanager.zoom.api.ApiFixtures.KEY;
import static dev.tokenmanager.zoom.api.ApiFixtures.request;
import static dev.tokenmanager.zoom.api.ApiFixtures.response;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.model.FailureKind;
import feign.Request;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Error classification: by HTTP status and Zoom code only, never by message text. */
class ZoomErrorDecoderTest {

  private static final String METHOD = "ZoomApi#me()";

  private final ApiFixtures fixtures = new ApiFixtures();
  private final ZoomErrorDecoder decoder = new ZoomErrorDecoder(fixtures.tokens, fixtures.clock);

  // ---- 401 / 124 ----

  @Test
  void decode_401code124ForAHandedOutToken_isARefreshSignalNamingThatToken() {
    AccessToken sent = fixtures.tokens.handOut();

    Exception e = decode(request("Bearer " + sent.value()), 401, "{\"code\":124,\"message\":\"Invalid access token.\"}");

    assertThat(e).isInstanceOf(TokenRefreshSignal.class);
    TokenRefreshSignal signal = (TokenRefreshSignal) e;
    assertThat(signal.rejectedToken()).containsSame(sent);
    assertThat(signal.methodKey()).isEqualTo(METHOD);
    assertThat(signal.rejection().tokenFingerprint()).isEqualTo(sent.fingerprint());
    assertThat(signal.rejection().afterRefresh()).isFalse();
    assertThat(signal.getMessage()).doesNotContain(sent.value());
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "{\"code\":124,\"message\":\"Access token is expired.\"}",
    "{\"code\":124,\"message\":\"invalid access token\"}",
    "{\"code\":124,\"message\":\"Invalid access token, this access token is not supported as query parameter string.\"}",
    "{\"code\":\"124\"}",
    "{\"code\":124}"
  })
  void decode_401code124WhateverTheMessage_isARefreshSignal(String body) {
    AccessToken sent = fixtures.tokens.handOut();

    assertThat(decode(request("Bearer " + sent.value()), 401, body)).isInstanceOf(TokenRefreshSignal.class);
  }

  @Test
  void decode_401code124ForAnUnknownToken_signalsWithoutATokenToInvalidate() {
    Exception e = decode(request("Bearer never-handed-out"), 401, "{\"code\":124}");

    assertThat(((TokenRefreshSignal) e).rejectedToken()).isEmpty();
    assertThat(((TokenRefreshSignal) e).rejection().tokenFingerprint())
        .isEqualTo(AccessToken.fingerprintOf("never-handed-out"));
  }

  @Test
  void decode_401code124WithoutAuthorizationHeader_signalsWithFingerprintNone() {
    Exception e = decode(request(null), 401, "{\"code\":124}");

    assertThat(((TokenRefreshSignal) e).rejectedToken()).isEmpty();
    assertThat(((TokenRefreshSignal) e).rejection().tokenFingerprint()).isEqualTo("none");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"code\":200,\"message\":\"Invalid access token.\"}", "", "<html>401</html>",
      "{\"message\":\"Invalid access token.\"}", "[124]", "{\"code\":124.5}"})
  void decode_401WithoutCode124_isAPlainApiErrorAndNoRefresh(String body) {
    Exception e = decode(request("Bearer x"), 401, body);

    assertThat(e).isExactlyInstanceOf(ZoomApiException.class);
    assertThat(((ZoomApiException) e).kind()).isEqualTo(FailureKind.CONFIGURATION_REJECTED);
  }

  @Test
  void decode_code124WithOtherStatus_isNoRefresh() {
    assertThat(decode(request("Bearer x"), 400, "{\"code\":124}")).isExactlyInstanceOf(ZoomApiException.class);
  }

  // ---- 400 / 4711 ----

  @Test
  void decode_400code4711_isAScopeErrorListingTheScopes() {
    Exception e = decode(request("Bearer x"), 400,
        "{\"code\":4711,\"message\":\"Invalid access token, does not contain scopes:[user:read:admin, meeting:write:admin].\"}");

    assertThat(e).isInstanceOf(ZoomScopeException.class);
    ZoomScopeException scope = (ZoomScopeException) e;
    assertThat(scope.missingScopes()).containsExactly("user:read:admin", "meeting:write:admin");
    assertThat(scope.kind()).isEqualTo(FailureKind.CONFIGURATION_REJECTED);
    assertThat(scope.isRetryable()).isFalse();
    assertThat(scope.status()).isEqualTo(400);
    assertThat(scope.code()).hasValue(4711);
    assertThat(scope.key()).contains(KEY);
    assertThat(scope.getMessage()).contains("user:read:admin, meeting:write:admin", METHOD, "HTTP 400", "code 4711");
  }

  @Test
  void decode_400code4711WithoutList_isAScopeErrorWithNoScopes() {
    Exception e = decode(request("Bearer x"), 400, "{\"code\":4711,\"message\":\"Invalid access token.\"}");

    assertThat(((ZoomScopeException) e).missingScopes()).isEmpty();
  }

  @Test
  void decode_400WithAnotherCode_isAPlainApiError() {
    Exception e = decode(request("Bearer x"), 400, "{\"code\":300,\"message\":\"Invalid field.\"}");

    assertThat(e).isExactlyInstanceOf(ZoomApiException.class);
    assertThat(((ZoomApiException) e).code()).hasValue(300);
    assertThat(((ZoomApiException) e).zoomMessage()).isEqualTo("Invalid field.");
  }

  // ---- 429 ----

  @Test
  void decode_429WithDeltaSeconds_retryAtIsNowPlusThatOnTheClock() {
    fixtures.clock.advance(Duration.ofMinutes(7));

    ZoomRateLimitException e = rateLimit("Retry-After", "20", "X-RateLimit-Type", "QPS");

    assertThat(e.retryAt()).contains(fixtures.clock.now().plusSeconds(20));
    assertThat(e.limitType()).contains("QPS");
    assertThat(e.kind()).isEqualTo(FailureKind.RATE_LIMITED);
    assertThat(e.isRetryable()).isTrue();
  }

  @Test
  void decode_429WithHttpDate_retryAtIsThatDate() {
    ZoomRateLimitException e = rateLimit("Retry-After", "Tue, 01 Jan 2030 00:00:00 GMT");

    assertThat(e.retryAt()).contains(Instant.parse("2030-01-01T00:00:00Z"));
    assertThat(e.limitType()).isEmpty();
  }

  @Test
  void decode_429WithIsoInstantAndDailyLimit_retryAtIsThatInstant() {
    ZoomRateLimitException e = rateLimit("Retry-After", "2030-01-01T00:00:00Z", "X-RateLimit-Type", "Daily-limit");

    assertThat(e.retryAt()).contains(Instant.parse("2030-01-01T00:00:00Z"));
    assertThat(e.limitType()).contains("Daily-limit");
    assertThat(e.getMessage()).contains("Daily-limit", "2030-01-01T00:00:00Z", "HTTP 429");
  }

  @Test
  void decode_429WithoutHeaders_hasNeitherRetryAtNorType() {
    ZoomRateLimitException e = rateLimit();

    assertThat(e.retryAt()).isEmpty();
    assertThat(e.limitType()).isEmpty();
  }

  @Test
  void decode_429WithGarbageRetryAfter_hasNoRetryAt() {
    assertThat(rateLimit("Retry-After", "soon").retryAt()).isEmpty();
  }

  @Test
  void decode_429WithForgedLimitType_isOneCappedLine() {
    ZoomRateLimitException e = rateLimit("X-RateLimit-Type", "QPS\u0000" + "x".repeat(500));

    assertThat(e.limitType()).get().asString().hasSize(ZoomErrorDecoder.MAX_LIMIT_TYPE + 1).startsWith("QPS x");
  }

  // ---- everything else ----

  @ParameterizedTest
  @ValueSource(ints = {403, 404, 409, 400})
  void decode_otherClientErrors_areNotRetryableApiErrors(int status) {
    Exception e = decode(request("Bearer x"), status, "{\"code\":1001,\"message\":\"User does not exist.\"}");

    assertThat(e).isExactlyInstanceOf(ZoomApiException.class);
    ZoomApiException api = (ZoomApiException) e;
    assertThat(api.status()).isEqualTo(status);
    assertThat(api.isRetryable()).isFalse();
    assertThat(api.methodKey()).isEqualTo(METHOD);
    assertThat(api.getMessage()).contains("HTTP " + status, "code 1001", "User does not exist.");
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503, 504, 408})
  void decode_serverErrorsAndTimeout_areRetryableApiErrors(int status) {
    Exception e = decode(request("Bearer x"), status, "<html>bad gateway</html>");

    assertThat(e).isExactlyInstanceOf(ZoomApiException.class);
    assertThat(((ZoomApiException) e).kind()).isEqualTo(FailureKind.UPSTREAM_UNAVAILABLE);
    assertThat(((ZoomApiException) e).code()).isEmpty();
    assertThat(e.getMessage()).doesNotContain("bad gateway");
  }

  @Test
  void decode_bodyWithoutMessage_messageIsEmpty() {
    ZoomApiException e = (ZoomApiException) decode(request("Bearer x"), 404, null);

    assertThat(e.zoomMessage()).isEmpty();
    assertThat(e.code()).isEmpty();
  }

  @Test
  void decode_longMessageWithNewlines_isCappedToOneLine() {
    String body = "{\"code\":1,\"message\":\"first\\nsecond " + "y".repeat(1000) + "\"}";

    ZoomApiException e = (ZoomApiException) decode(request("Bearer x"), 404, body);

    assertThat(e.zoomMessage()).hasSize(ApiError.MAX_SHOWN + 1).startsWith("first second").doesNotContain("\n");
    assertThat(e.getMessage()).doesNotContain("\n");
  }

  @Test
  void decode_bodyThatBreaksOff_isReadAsNoBody() {
    Request request = request("Bearer x");
    InputStream broken = new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("connection reset");
      }
    };
    feign.Response response = feign.Response.builder().status(404).request(request)
        .headers(java.util.Map.of()).body(broken, 10).build();

    Exception e = decoder.decode(METHOD, response);

    assertThat(e).isExactlyInstanceOf(ZoomApiException.class);
    assertThat(((ZoomApiException) e).status()).isEqualTo(404);
  }

  @Test
  void decode_hugeBody_readsOnlyTheLimit() {
    byte[] huge = ("{\"code\":1001,\"message\":\"" + "z".repeat(100_000) + "\"}").getBytes(StandardCharsets.UTF_8);
    CountingStream body = new CountingStream(huge);
    feign.Response response = feign.Response.builder().status(404).request(request("Bearer x"))
        .headers(java.util.Map.of()).body(body, huge.length).build();

    ZoomApiException e = (ZoomApiException) decoder.decode(METHOD, response);

    assertThat(body.read).isLessThanOrEqualTo(ZoomErrorDecoder.MAX_BODY_BYTES);
    assertThat(e.code()).as("a cut body is not JSON: no code").isEmpty();
  }

  @Test
  void decode_anyAnswer_neverPutsTheTokenIntoAMessage() {
    AccessToken sent = fixtures.tokens.handOut();
    Request request = request("Bearer " + sent.value());
    String echo = "{\"code\":124,\"message\":\"bad token\"}";

    for (int status : new int[] {401, 400, 429, 404, 500}) {
      Exception e = decode(request, status, echo);
      for (Throwable t = e; t != null; t = t.getCause()) {
        assertThat(String.valueOf(t.getMessage())).doesNotContain(sent.value());
        assertThat(t.toString()).doesNotContain(sent.value());
      }
    }
  }

  private ZoomRateLimitException rateLimit(String... headers) {
    Exception e = decoder.decode(METHOD, response(request("Bearer x"), 429,
        "{\"code\":429,\"message\":\"You have reached the maximum per-second rate limit for this API. Try again later.\"}",
        headers));
    assertThat(e).isInstanceOf(ZoomRateLimitException.class);
    return (ZoomRateLimitException) e;
  }

  private Exception decode(Request request, int status, String body) {
    return decoder.decode(METHOD, response(request, status, body));
  }

  /** A body stream that counts the bytes handed out. */
  private static final class CountingStream extends ByteArrayInputStream {
    int read;

    CountingStream(byte[] bytes) {
      super(bytes);
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
      int n = super.read(b, off, len);
      read += Math.max(n, 0);
      return n;
    }

    @Override
    public synchronized int read() {
      int c = super.read();
      read += c < 0 ? 0 : 1;
      return c;
    }
  }
}
