package dev.tokenmanager.zoom.api;

import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.model.TokenKey;
import dev.tokenmanager.core.port.Clock;
import dev.tokenmanager.zoom.RetryAfter;
import feign.Request;
import feign.Response;
import feign.codec.ErrorDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;

/**
 * Turns Zoom API error responses into typed exceptions, deciding on the HTTP status and Zoom's
 * numeric {@code code} only (messages vary in case and wording):
 *
 * <ul>
 *   <li>401 with code 124: a {@link TokenRefreshSignal} (a {@code RetryableException}) naming the token
 *       that was sent; {@link RefreshOnceRetryer} invalidates it and retries once.
 *   <li>400 with code 4711: {@link ZoomScopeException} with the scopes from the message.
 *   <li>429: {@link ZoomRateLimitException} with {@code Retry-After} (delta-seconds counted on the
 *       clock, RFC 1123 date or ISO-8601 instant) and {@code X-RateLimit-Type}.
 *   <li>anything else: {@link ZoomApiException}.
 * </ul>
 *
 * <p>Only the first {@link #MAX_BODY_BYTES} of a body are read. Stateless and thread-safe; it never
 * throws, and never invalidates a token itself (the retryer does, because only it knows whether the
 * call has already been retried).
 */
final class ZoomErrorDecoder implements ErrorDecoder {

  /** The most body bytes read: far more than any Zoom error body, and a bound on what a broken server costs. */
  static final int MAX_BODY_BYTES = 16 * 1024;

  /** The longest {@code X-RateLimit-Type} value kept. */
  static final int MAX_LIMIT_TYPE = 64;

  private static final String BEARER = "bearer ";

  private final BearerTokens tokens;
  private final Clock clock;
  private final ApiErrorReader reader = new ApiErrorReader();

  ZoomErrorDecoder(BearerTokens tokens, Clock clock) {
    this.tokens = tokens;
    this.clock = clock;
  }

  @Override
  public Exception decode(String methodKey, Response response) {
    ApiError error = reader.read(response.status(), body(response));
    TokenKey key = tokens.key();
    if (error.is(401, 124)) {
      return refreshSignal(methodKey, response.request(), error);
    }
    if (error.is(400, 4711)) {
      return new ZoomScopeException(key, methodKey, error, ScopeList.parse(error.message()));
    }
    if (error.status() == 429) {
      Instant retryAt = RetryAfter.parse(header(response, "Retry-After"), clock.now()).orElse(null);
      String limitType = ApiError.excerpt(header(response, "X-RateLimit-Type"), MAX_LIMIT_TYPE);
      return new ZoomRateLimitException(key, methodKey, error, retryAt, limitType.isEmpty() ? null : limitType);
    }
    return ZoomApiException.of(key, methodKey, error);
  }

  private TokenRefreshSignal refreshSignal(String methodKey, Request request, ApiError error) {
    String sent = bearerValue(request);
    AccessToken rejected = sent == null ? null : tokens.find(sent).orElse(null);
    String fingerprint = sent == null ? "none" : AccessToken.fingerprintOf(sent);
    ZoomTokenRejectedException rejection = new ZoomTokenRejectedException(tokens.key(), methodKey, error, fingerprint, null);
    return new TokenRefreshSignal(request, methodKey, rejected, rejection);
  }

  /** Returns the token value of the request's {@code Authorization: Bearer} header, or null. */
  static String bearerValue(Request request) {
    if (request == null) {
      return null;
    }
    Collection<String> values = request.headers().get(BearerInterceptor.AUTHORIZATION);
    if (values == null || values.isEmpty()) {
      return null;
    }
    String value = values.iterator().next();
    if (value == null || !value.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
      return null;
    }
    String token = value.substring(BEARER.length()).strip();
    return token.isEmpty() ? null : token;
  }

  private static byte[] body(Response response) {
    if (response.body() == null) {
      return new byte[0];
    }
    try (InputStream in = response.body().asInputStream()) {
      return in.readNBytes(MAX_BODY_BYTES);
    } catch (IOException e) {
      // A body that breaks off is read as no body: status alone still classifies.
      return new byte[0];
    }
  }

  private static String header(Response response, String name) {
    Collection<String> values = response.headers().get(name);
    return values == null || values.isEmpty() ? null : values.iterator().next();
  }

  /** Returns the key, never a token. */
  @Override
  public String toString() {
    return "ZoomErrorDecoder[" + tokens.key() + "]";
  }
}
