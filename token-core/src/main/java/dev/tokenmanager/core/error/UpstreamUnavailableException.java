package dev.tokenmanager.core.error;

import dev.tokenmanager.core.model.FailureKind;
import dev.tokenmanager.core.model.TokenKey;

/**
 * The authorization server failed or could not be reached: a 5xx answer, an HTML or empty error body,
 * a connect or read timeout, a reset connection. Retryable with backoff.
 */
public final class UpstreamUnavailableException extends TokenException {

  /**
   * Creates the exception.
   *
   * @param key the key concerned, or null
   * @param message the message, free of secrets
   * @param cause the underlying cause, or null
   */
  public UpstreamUnavailableException(TokenKey key, String message, Throwable cause) {
    super(FailureKind.UPSTREAM_UNAVAILABLE, key, message, cause);
  }
}
