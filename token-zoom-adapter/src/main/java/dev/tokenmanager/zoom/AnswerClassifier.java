package dev.tokenmanager.zoom;

import dev.tokenmanager.core.error.ConfigurationRejectedException;
import dev.tokenmanager.core.error.CredentialsRejectedException;
import dev.tokenmanager.core.error.MalformedResponseException;
import dev.tokenmanager.core.error.RateLimitedException;
import dev.tokenmanager.core.error.TokenException;
import dev.tokenmanager.core.error.UpstreamUnavailableException;
import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.model.TokenKey;
import dev.tokenmanager.core.port.Clock;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an answer of the token endpoint into a token or into the exception of its class, in the order
 * of {@code zoom-oauth.md} §3: 429, then 5xx whatever the body, then 2xx parsing, then 4xx by the
 * {@code error} field and Zoom's numeric {@code code}.
 *
 * <ul>
 *   <li>429: {@link RateLimitedException}, with {@code Retry-After} and {@code X-RateLimit-Type}.
 *   <li>5xx: {@link UpstreamUnavailableException}.
 *   <li>2xx: the token, or {@link MalformedResponseException} if it is not usable.
 *   <li>4xx with {@code invalid_client} or code 4702/4704: {@link CredentialsRejectedException}; with any
 *       other {@code error} or {@code code}: {@link ConfigurationRejectedException}; with an empty,
 *       non-JSON or field-less body: {@link MalformedResponseException}.
 *   <li>Anything else (a redirect, which is never followed, or a status outside the HTTP classes):
 *       {@link MalformedResponseException}: it is neither a token nor a known error, and most likely
 *       points at a wrong base URL.
 * </ul>
 *
 * <p>Messages carry the status and Zoom's parsed {@code error}, {@code reason} and {@code code}, capped;
 * never the raw body.
 */
final class AnswerClassifier {

  private static final Logger LOG = LoggerFactory.getLogger(AnswerClassifier.class);

  private final ZoomJson json;
  private final Clock clock;
  private final String defaultApiUrl;

  /**
   * Creates a classifier.
   *
   * @param json the body reader
   * @param clock the clock that {@code Retry-After} delta-seconds count from
   * @param defaultApiUrl the API URL of tokens whose response names none
   */
  AnswerClassifier(ZoomJson json, Clock clock, String defaultApiUrl) {
    this.json = json;
    this.clock = clock;
    this.defaultApiUrl = defaultApiUrl;
  }

  /**
   * Classifies an answer.
   *
   * @param key the key being minted
   * @param answer the answer
   * @param sent when the request was sent, the start of the token's lifetime
   * @return the token of a usable 2xx answer
   * @throws TokenException of the answer's class otherwise
   */
  AccessToken classify(TokenKey key, EndpointAnswer answer, Instant sent) {
    int status = answer.status();
    if (status == 429) {
      throw rateLimited(key, answer);
    }
    if (status >= 500 && status < 600) {
      throw new UpstreamUnavailableException(key, "token endpoint failed: " + describe(answer), null);
    }
    if (status >= 200 && status < 300) {
      return token(key, answer, sent);
    }
    if (status >= 400 && status < 500) {
      throw rejected(key, answer);
    }
    String what = status >= 300 && status < 400 ? "a redirect, which is not followed (check baseUrl)" : "unexpected";
    throw new MalformedResponseException(key, "token endpoint answered HTTP " + status + ", " + what, null);
  }

  private RateLimitedException rateLimited(TokenKey key, EndpointAnswer answer) {
    Optional<Instant> retryAt = RetryAfter.parse(answer.retryAfter(), clock.now());
    String limitType = answer.rateLimitType() == null ? null : Excerpt.of(answer.rateLimitType(), 40);
    StringBuilder message = new StringBuilder("token endpoint rate limited: HTTP 429");
    if (limitType != null) {
      message.append(", limit type '").append(limitType).append('\'');
    }
    message.append(retryAt.map(at -> ", retry at " + at).orElse(", no usable Retry-After"));
    json.readError(answer.body()).ifPresent(body -> message.append(", ").append(body.describe()));
    return new RateLimitedException(key, message.toString(), retryAt.orElse(null), limitType);
  }

  private TokenException rejected(TokenKey key, EndpointAnswer answer) {
    Optional<ErrorBody> parsed = answer.truncated() ? Optional.empty() : json.readError(answer.body());
    if (parsed.isEmpty() || !parsed.get().namesAnError()) {
      return new MalformedResponseException(key, "token endpoint answered " + describe(answer), null);
    }
    ErrorBody body = parsed.get();
    String detail = "HTTP " + answer.status() + ", " + body.describe();
    boolean credentials = "invalid_client".equals(body.error().toLowerCase(Locale.ROOT))
        || body.code().orElse(0) == 4702
        || body.code().orElse(0) == 4704;
    return credentials
        ? new CredentialsRejectedException(key, "token endpoint rejected the client credentials: " + detail, null)
        : new ConfigurationRejectedException(key, "token endpoint rejected the request: " + detail, null);
  }

  private AccessToken token(TokenKey key, EndpointAnswer answer, Instant sent) {
    String status = "token endpoint answered HTTP " + answer.status();
    if (answer.truncated() || answer.emptyBody()) {
      throw new MalformedResponseException(key, status + " with " + answer.bodyShape(), null);
    }
    TokenResponse response;
    try {
      response = json.readToken(answer.body());
    } catch (ZoomJson.BadBody e) {
      String why = e.notJson() ? " with " + answer.bodyShape() : ": " + e.getMessage();
      throw new MalformedResponseException(key, status + why, null);
    }
    Instant expiresAt = sent.plusSeconds(response.expiresIn());
    return AccessToken.of(response.accessToken(), response.tokenType(),
        AccessToken.parseScopes(response.scope()), apiUrl(key, response.apiUrl()), sent, expiresAt);
  }

  private String apiUrl(TokenKey key, String apiUrl) {
    if (apiUrl == null || apiUrl.isBlank()) {
      return defaultApiUrl;
    }
    try {
      URI uri = new URI(apiUrl.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null && uri.getUserInfo() == null) {
        return apiUrl.strip();
      }
    } catch (URISyntaxException e) {
      // falls through to the default
    }
    // api.zoom.us keeps working for every account, so a strange api_url is no reason to drop the token.
    String shown = apiUrl.indexOf('@') >= 0 ? "(hidden: it contains '@')" : "'" + Excerpt.of(apiUrl, 100) + "'";
    LOG.warn("token endpoint sent an unusable api_url {} for {}; using {}", shown, key, defaultApiUrl);
    return defaultApiUrl;
  }

  private String describe(EndpointAnswer answer) {
    Optional<ErrorBody> body = answer.truncated() ? Optional.empty() : json.readError(answer.body());
    return "HTTP " + answer.status() + body.map(b -> ", " + b.describe()).orElse(" with " + answer.bodyShape());
  }
}
