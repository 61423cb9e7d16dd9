package dev.tokenmanager.core.error;

import dev.tokenmanager.core.model.FailureKind;
import dev.tokenmanager.core.model.TokenKey;

/**
 * The token store could not be reached or did not answer within its timeout. Retryable; the
 * manager degrades to its in-process token instead of failing its callers.
 */
public final class StoreUnavailableException extends TokenException {

  /**
   * Creates the exception.
   *
   * @param key the key concerned, or null
   * @param message the message, free of secrets
   * @param cause the underlying cause, or null
   */
  public StoreUnavailableException(TokenKey key, String message, Throwable cause) {
    super(FailureKind.STORE_UNAVAILABLE, key, message, cause);
  }
}
