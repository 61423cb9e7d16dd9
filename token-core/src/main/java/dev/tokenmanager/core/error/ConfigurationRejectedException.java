package dev.tokenmanager.core.error;

import dev.tokenmanager.core.model.FailureKind;
import dev.tokenmanager.core.model.TokenKey;

/**
 * The authorization server rejected the request or the account setup (Zoom {@code invalid_request},
 * {@code unsupported_grant_type}, an unknown 4xx error). Not retryable: the configuration must change.
 */
public final class ConfigurationRejectedException extends TokenException {

  /**
   * Creates the exception.
   *
   * @param key the key concerned, or null
   * @param message the message, free of secrets
   * @param cause the underlying cause, or null
   */
  public ConfigurationRejectedException(TokenKey key, String message, Throwable cause) {
    super(FailureKind.CONFIGURATION_REJECTED, key, message, cause);
  }
}
