package dev.tokenmanager.core.error;

import dev.tokenmanager.core.model.FailureKind;
import dev.tokenmanager.core.model.TokenKey;

/**
 * The authorization server answered with something that is not a usable token: a 200 without
 * {@code access_token}, a body that is not JSON, an invalid {@code expires_in}. Nothing is cached.
 * Retryable, on the backoff schedule only.
 */
public final class MalformedResponseException extends TokenException {

  /**
   * Creates the exception.
   *
   * @param key the key concerned, or null
   * @param message the message, free of secrets
   * @param cause the underlying cause, or null
   */
  public MalformedResponseException(TokenKey key, String message, Throwable cause) {
    super(FailureKind.MALFORMED_RESPONSE, key, message, cause);
  }
}
