package dev.tokenmanager.core.error;

import dev.tokenmanager.core.model.FailureKind;
import dev.tokenmanager.core.model.TokenKey;
import java.util.Optional;

/**
 * The root of every failure the token manager and its adapters report. Unchecked.
 *
 * <p>Each subtype says what failed ({@link #kind()}), for which key if known ({@link #key()}), and
 * whether retrying later can help ({@link #isRetryable()}). Messages are built from parsed fields
 * only: they never contain a token value, a client secret or an {@code Authorization} header.
 */
public abstract class TokenException extends RuntimeException {

  private final transient TokenKey key;
  private final FailureKind kind;

  /**
   * Creates the exception.
   *
   * @param kind the kind of failure
   * @param key the key concerned, or null when none applies
   * @param message the message, free of secrets
   * @param cause the underlying cause, or null
   */
  protected TokenException(FailureKind kind, TokenKey key, String message, Throwable cause) {
    super(key == null ? message : message + " [key " + key + "]", cause);
    this.kind = kind;
    this.key = key;
  }

  /** Returns what kind of failure this is. */
  public FailureKind kind() {
    return kind;
  }

  /** Returns the key concerned, if the failure concerns one. */
  public Optional<TokenKey> key() {
    return Optional.ofNullable(key);
  }

  /** Returns whether a later retry can succeed without anyone changing anything. */
  public boolean isRetryable() {
    return kind.retryable();
  }

  /**
   * Recreates a typed exception from a failure that another process recorded in the store, so that
   * every process of the fleet reports the same kind of error.
   *
   * @param kind the recorded kind
   * @param key the key
   * @param reason the recorded reason
   * @return the exception of the matching subtype
   */
  public static TokenException of(FailureKind kind, TokenKey key, String reason) {
    return switch (kind) {
      case CREDENTIALS_REJECTED -> new CredentialsRejectedException(key, reason, null);
      case CONFIGURATION_REJECTED -> new ConfigurationRejectedException(key, reason, null);
      case RATE_LIMITED -> new RateLimitedException(key, reason, null, null);
      case UPSTREAM_UNAVAILABLE -> new UpstreamUnavailableException(key, reason, null);
      case MALFORMED_RESPONSE -> new MalformedResponseException(key, reason, null);
      case STORE_UNAVAILABLE -> new StoreUnavailableException(key, reason, null);
      case TOKEN_UNAVAILABLE -> new TokenUnavailableException(key, reason, null);
    };
  }
}
