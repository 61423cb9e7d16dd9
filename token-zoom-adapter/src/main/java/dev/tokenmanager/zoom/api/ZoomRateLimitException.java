package dev.tokenmanager.zoom.api;

import dev.tokenmanager.core.model.FailureKind;
import dev.tokenmanager.core.model.TokenKey;
import java.time.Instant;
import java.util.Optional;

/**
 * Zoom throttled the call (HTTP 429). The token is not refreshed and the call is not retried: when and
 * whether to try again is the caller's decision, helped by {@link #retryAt()} and {@link #limitType()}.
 *
 * <p>The kind is {@link FailureKind#RATE_LIMITED} (retryable, but not before {@link #retryAt()}). Zoom
 * sends {@code Retry-After} as delta-seconds, as an RFC 1123 date or, on a daily limit, as an ISO-8601
 * instant such as {@code 2030-01-01T00:00:00Z}; all three are understood. A per-user daily cap has been
 * seen without either header, and then both are empty.
 */
public final class ZoomRateLimitException extends ZoomApiException {

  private final Instant retryAt;
  private final String limitType;

  ZoomRateLimitException(TokenKey key, String methodKey, ApiError error, Instant retryAt, String limitType) {
    super(FailureKind.RATE_LIMITED, key, methodKey, error, summary(retryAt, limitType));
    this.retryAt = retryAt;
    this.limitType = limitType;
  }

  /**
   * Returns the earliest time to call again, from {@code Retry-After}.
   *
   * @return the instant, or empty if Zoom sent no {@code Retry-After} or one in no known form
   */
  public Optional<Instant> retryAt() {
    return Optional.ofNullable(retryAt);
  }

  /**
   * Returns the kind of limit Zoom named in {@code X-RateLimit-Type}, such as {@code QPS} or {@code
   * Daily-limit} (at most 64 characters).
   *
   * @return the limit type, or empty if Zoom sent none
   */
  public Optional<String> limitType() {
    return Optional.ofNullable(limitType);
  }

  private static String summary(Instant retryAt, String limitType) {
    return "Zoom API rate limit reached" + (limitType == null ? "" : " (" + limitType + ")")
        + (retryAt == null ? ", no retry time given" : ", retry at " + retryAt);
  }
}
