package dev.tokenmanager.core.model;

/**
 * The kinds of failure the token manager distinguishes; each maps to one exception type.
 */
public enum FailureKind {
  /** The authorization server refused the client id or secret. Retrying cannot help. */
  CREDENTIALS_REJECTED(false),
  /** The request or the account setup is wrong (bad account id, wrong app type). Retrying cannot help. */
  CONFIGURATION_REJECTED(false),
  /** The authorization server throttled the request; retry after its wait. */
  RATE_LIMITED(true),
  /** The authorization server failed or could not be reached (5xx, timeout, HTML or empty body). */
  UPSTREAM_UNAVAILABLE(true),
  /** The authorization server answered with something that is not a usable token. */
  MALFORMED_RESPONSE(true),
  /** The token store could not be reached in time. */
  STORE_UNAVAILABLE(true),
  /** No valid token could be had within the caller's wait. */
  TOKEN_UNAVAILABLE(true);

  private final boolean retryable;

  FailureKind(boolean retryable) {
    this.retryable = retryable;
  }

  /** Returns whether a later retry can succeed without anyone changing anything. */
  public boolean retryable() {
    return retryable;
  }
}
