package dev.tokenmanager.core.error;

import dev.tokenmanager.core.model.FailureKind;
import dev.tokenmanager.core.model.TokenKey;

/**
 * The authorization server refused the client id or secret (Zoom {@code invalid_client}). Not retryable:
 * an operator must fix the credentials. The manager keeps serving a cached token while it is valid.
 */
public final class CredentialsRejectedException extends TokenException {

  /**
   * Creates the exception.
   *
   * @param key the key concerned, or null
   * @param message the message, free of secrets
   * @param cause the underlying cause, or null
   */
  public CredentialsRejectedException(TokenKey key, String message, Throwable cause) {
    super(FailureKind.CREDENTIALS_REJECTED, key, message, cause);
  }
}
