package dev.tokenmanager.core.error;

import dev.tokenmanager.core.model.FailureKind;
import dev.tokenmanager.core.model.TokenKey;

/**
 * No valid token could be had within the caller's wait, or while minting is backing off after a
 * failure. Carries the last failure as its cause when there is one. Retryable.
 */
public final class TokenUnavailableException extends TokenException {

  /**
   * Creates the exception.
   *
   * @param key the key concerned, or null
   * @param message the message, free of secrets
   * @param cause the underlying cause, or null
   */
  public TokenUnavailableException(TokenKey key, String message, Throwable cause) {
    super(FailureKind.TOKEN_UNAVAILABLE, key, message, cause);
  }
}
