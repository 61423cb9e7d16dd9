package dev.tokenmanager.zoom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tokenmanager.core.error.ConfigurationRejectedException;
import dev.tokenmanager.core.error.CredentialsRejectedException;
import dev.tokenmanager.core.error.MalformedResponseException;
import dev.tokenmanager.core.error.RateLimitedException;
import dev.tokenmanager.core.error.TokenException;
import dev.tokenmanager.core.error.UpstreamUnavailableException;
import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.model.TokenKey;
import dev.tokenmanager.core.testing.ManualClock;
import dev.tokenmanager.core.testing.TokenBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnswerClassifierTest {

  private static final String TOKEN = "eyJhbGciOiJIUzUxMiJ9.classifier-token-VALUE";

  private final ManualClock clock = ManualClock.create();
  private final Instant sent = clock.now();
  private final TokenKey key = TokenBuilder.aKey();
  private final AnswerClassifier classifier = new AnswerClassifier(new ZoomJson(), clock, "https://api.zoom.us");

  @Test
  void classify_200WithToken_datesItFromTheSendInstant() {
    clock.advance(Duration.ofSeconds(5));

    AccessToken token = classifier.classify(key, json(200,
        "{\"access_token\":\"" + TOKEN + "\",\"expires_in\":3600,\"scope\":\"a:b  c:d\",\"api_url\":\"https://eu01api.zoom.us\"}"),
        sent);

    assertThat(token.value()).isEqualTo(TOKEN);
    assertThat(token.issuedAt()).isEqualTo(sent);
    assertThat(token.expiresAt()).isEqualTo(sent.plusSeconds(3600));
    assertThat(token.scopes()).containsExactlyInAnyOrder("a:b", "c:d");
    assertThat(token.apiUrl()).isEqualTo("https://eu01api.zoom.us");
  }

  @Test
  void classify_201WithToken_isAToken() {
    assertThat(classifier.classify(key, json(201, "{\"access_token\":\"" + TOKEN + "\"}"), sent).lifetime())
        .isEqualTo(Duration.ofSeconds(3599));
  }

  @ParameterizedTest
  @ValueSource(strings = {"api.zoom.us", "ftp://api.zoom.us", "https://user:pw@api.zoom.us", "https://bad host"})
  void classify_unusableApiUrl_fallsBackToTheDefault(String apiUrl) {
    AccessToken token = classifier.classify(key,
        json(200, "{\"access_token\":\"" + TOKEN + "\",\"api_url\":\"" + apiUrl + "\"}"), sent);

    assertThat(token.apiUrl()).isEqualTo("https://api.zoom.us");
  }

  @Test
  void classify_200WithBodyOverTheCap_isMalformed() {
    EndpointAnswer answer = new EndpointAnswer(200, "application/json", null, null,
        new byte[EndpointAnswer.MAX_BODY_BYTES], true);

    assertThat(failure(MalformedResponseException.class, answer))
        .hasMessageStartingWith("token endpoint answered HTTP 200 with a non-JSON body (application/json, over 65536 bytes)");
  }

  @Test
  void classify_204_isMalformed() {
    assertThat(failure(MalformedResponseException.class, new EndpointAnswer(204, null, null, null, null, false)))
        .hasMessageStartingWith("token endpoint answered HTTP 204 with an empty body");
  }

  @Test
  void classify_code4702_isCredentialsRejected() {
    assertThat(failure(CredentialsRejectedException.class, json(400, "{\"code\":4702,\"message\":\"Invalid client\"}")))
        .hasMessageStartingWith("token endpoint rejected the client credentials: HTTP 400, code 4702, message 'Invalid client'");
  }

  @Test
  void classify_code4704_isCredentialsRejected() {
    failure(CredentialsRejectedException.class, json(401, "{\"code\":4704}"));
  }

  @Test
  void classify_code4717_isConfigurationRejected() {
    assertThat(failure(ConfigurationRejectedException.class, json(400, "{\"code\":4717,\"message\":\"App disabled\"}")))
        .hasMessageStartingWith("token endpoint rejected the request: HTTP 400, code 4717, message 'App disabled'");
  }

  @Test
  void classify_invalidClientInUpperCase_isCredentialsRejected() {
    failure(CredentialsRejectedException.class, json(401, "{\"error\":\"INVALID_CLIENT\"}"));
  }

  @Test
  void classify_403WithUnknownError_isConfigurationRejected() {
    assertThat(failure(ConfigurationRejectedException.class,
        json(403, "{\"error\":\"access_denied\",\"reason\":\"Account does not enabled the OAuth app type\"}")))
        .hasMessageStartingWith("token endpoint rejected the request: HTTP 403, error 'access_denied', "
            + "reason 'Account does not enabled the OAuth app type'");
  }

  @Test
  void classify_400WithJsonNamingNoError_isMalformed() {
    assertThat(failure(MalformedResponseException.class, json(400, "{\"reason\":\"Bad Request\"}")))
        .hasMessageStartingWith("token endpoint answered HTTP 400, reason 'Bad Request'");
  }

  @Test
  void classify_404WithHtml_isMalformed() {
    assertThat(failure(MalformedResponseException.class, html(404)))
        .hasMessageStartingWith("token endpoint answered HTTP 404 with a non-JSON body (text/html)");
  }

  @Test
  void classify_503WithJson_isUpstreamUnavailableCarryingTheFields() {
    assertThat(failure(UpstreamUnavailableException.class,
        json(503, "{\"code\":503,\"message\":\"Service temporarily unavailable\"}")))
        .hasMessageStartingWith("token endpoint failed: HTTP 503, code 503, message 'Service temporarily unavailable'");
  }

  @Test
  void classify_500WithEmptyBody_isUpstreamUnavailable() {
    assertThat(failure(UpstreamUnavailableException.class, new EndpointAnswer(500, "", null, null, new byte[0], false)))
        .hasMessageStartingWith("token endpoint failed: HTTP 500 with an empty body");
  }

  @Test
  void classify_429WithoutRetryAfter_hasNoRetryAt() {
    RateLimitedException e = failure(RateLimitedException.class,
        json(429, "{\"code\":429,\"message\":\"You have reached the maximum per-second rate limit for this API.\"}"));

    assertThat(e.retryAt()).isEmpty();
    assertThat(e.limitType()).isEmpty();
    assertThat(e).hasMessageContaining("HTTP 429, no usable Retry-After, code 429, message 'You have reached");
  }

  @Test
  void classify_429WithGarbageRetryAfter_hasNoRetryAt() {
    EndpointAnswer answer = new EndpointAnswer(429, "", "whenever", "QPS", new byte[0], false);

    RateLimitedException e = failure(RateLimitedException.class, answer);

    assertThat(e.retryAt()).isEmpty();
    assertThat(e.limitType()).contains("QPS");
  }

  @Test
  void classify_429WithDeltaSeconds_countsFromReceiptNotFromSend() {
    clock.advance(Duration.ofSeconds(2));
    EndpointAnswer answer = new EndpointAnswer(429, "", "20", null, new byte[0], false);

    assertThat(failure(RateLimitedException.class, answer).retryAt()).contains(sent.plusSeconds(22));
  }

  @Test
  void classify_429WithHtmlBody_isStillRateLimited() {
    EndpointAnswer answer = new EndpointAnswer(429, "text/html", "5", null, bytes("<html>slow down</html>"), false);

    assertThat(failure(RateLimitedException.class, answer)).hasMessageNotContaining("html");
  }

  @ParameterizedTest
  @ValueSource(ints = {301, 302, 307, 308})
  void classify_redirect_isMalformedPointingAtBaseUrl(int status) {
    EndpointAnswer answer = new EndpointAnswer(status, "text/html", null, null, bytes("<html>moved</html>"), false);

    assertThat(failure(MalformedResponseException.class, answer))
        .hasMessageStartingWith("token endpoint answered HTTP " + status + ", a redirect, which is not followed (check baseUrl)");
  }

  @Test
  void classify_statusOutsideHttpClasses_isMalformed() {
    assertThat(failure(MalformedResponseException.class, json(600, "{}")))
        .hasMessageStartingWith("token endpoint answered HTTP 600, unexpected");
  }

  @Test
  void classify_reasonWithControlCharacters_isSanitised() {
    assertThat(failure(ConfigurationRejectedException.class,
        json(400, "{\"error\":\"invalid_request\",\"reason\":\"Bad\\r\\nInjected: yes\"}")))
        .hasMessageContaining("reason 'Bad  Injected: yes'");
  }

  private <T extends TokenException> T failure(Class<T> type, EndpointAnswer answer) {
    T e = catchThrowableOfType(type, () -> classifier.classify(key, answer, sent));
    assertThat(e).as("expected %s", type.getSimpleName()).isNotNull();
    assertThat(e.getMessage()).doesNotContain(TOKEN);
    assertThat(e.key()).contains(key);
    return e;
  }

  private static EndpointAnswer json(int status, String body) {
    return new EndpointAnswer(status, "application/json", null, null, bytes(body), false);
  }

  private static EndpointAnswer html(int status) {
    return new EndpointAnswer(status, "text/html", null, null, bytes("<html><body>Not found</body></html>"), false);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
