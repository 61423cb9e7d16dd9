package dev.tokenmanager.core.error;

import dev.tokenmanager.core.model.FailureKind;
import dev.tokenmanager.core.model.TokenKey;
import java.time.Instant;
import java.util.Optional;

/**
 * The server throttled the request (HTTP 429). Retryable, but not before {@link #retryAt()} when the
 * server said when ({@code Retry-After} in seconds, as an HTTP date or as an ISO-8601 instant).
 */
public final class RateLimitedException extends TokenException {

  private final Instant retryAt;
  private final String limitType;

  /**
   * Creates the exception.
   *
   * @param key the key concerned, or null
   * @param message the message, free of secrets
   * @param retryAt the earliest time to retry as the server gave it, or null if it gave none
   * @param limitType the rate-limit type the server named (such as {@code QPS} or {@code Daily-limit}), or null
   */
  public RateLimitedException(TokenKey key, String message, Instant retryAt, String limitType) {
    super(FailureKind.RATE_LIMITED, key, message, null);
    this.retryAt = retryAt;
    this.limitType = limitType;
  }

  /** Returns the earliest time to retry, if the server said. */
  public Optional<Instant> retryAt() {
    return Optional.ofNullable(retryAt);
  }

  /** Returns the rate-limit type the server named ({@code X-RateLimit-Type}), if any. */
  public Optional<String> limitType() {
    return Optional.ofNullable(limitType);
  }
}
