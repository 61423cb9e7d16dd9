package dev.tokenmanager.zoom.api;

import dev.tokenmanager.core.error.TokenException;
import dev.tokenmanager.core.model.FailureKind;
import dev.tokenmanager.core.model.TokenKey;
import java.util.OptionalInt;

/**
 * Zoom's REST API answered a call with an error. Unchecked, and part of the {@link TokenException}
 * hierarchy so that one {@code catch} covers both the token manager and the API.
 *
 * <p>Three subtypes name the answers that concern the token: {@link ZoomTokenRejectedException} (401
 * with code 124, even after one refresh), {@link ZoomScopeException} (400 with code 4711) and {@link
 * ZoomRateLimitException} (429). Every other error status is this type itself, with its {@link #kind()}
 * set from the status: {@link FailureKind#UPSTREAM_UNAVAILABLE} (retryable) for 5xx and 408, {@link
 * FailureKind#CONFIGURATION_REJECTED} (the request is wrong; retrying it unchanged cannot help) for
 * the rest, such as 403 and 404. None of them ever causes a token refresh.
 *
 * <p>The message names the Feign method, the status, Zoom's code and a capped excerpt of Zoom's
 * message; never a token, an {@code Authorization} header, the URL or the raw body.
 */
public sealed class ZoomApiException extends TokenException
    permits ZoomTokenRejectedException, ZoomScopeException, ZoomRateLimitException {

  private final String methodKey;
  private final int status;
  private final Integer code;
  private final String zoomMessage;

  ZoomApiException(FailureKind kind, TokenKey key, String methodKey, ApiError error, String summary) {
    super(kind, key, summary + ": " + methodKey + " got " + error.describe(), null);
    this.methodKey = methodKey;
    this.status = error.status();
    this.code = error.code().isPresent() ? error.code().getAsInt() : null;
    this.zoomMessage = error.shownMessage();
  }

  /**
   * Returns the exception for an error that concerns neither the token, the scopes nor the rate limit.
   *
   * @param key the key whose token was sent
   * @param methodKey Feign's name of the method called, such as {@code ZoomApi#user(String)}
   * @param error the error
   * @return the exception
   */
  static ZoomApiException of(TokenKey key, String methodKey, ApiError error) {
    int status = error.status();
    FailureKind kind = status >= 500 || status == 408 ? FailureKind.UPSTREAM_UNAVAILABLE
        : FailureKind.CONFIGURATION_REJECTED;
    return new ZoomApiException(kind, key, methodKey, error, "Zoom API call failed");
  }

  /** Returns Feign's name of the method that failed, such as {@code ZoomApi#user(String)}. */
  public String methodKey() {
    return methodKey;
  }

  /** Returns the HTTP status. */
  public int status() {
    return status;
  }

  /** Returns Zoom's numeric error {@code code}, if the body named one. */
  public OptionalInt code() {
    return code == null ? OptionalInt.empty() : OptionalInt.of(code);
  }

  /**
   * Returns Zoom's error {@code message}: at most 200 characters, control characters replaced by
   * spaces; empty if the body named none.
   *
   * @return the message excerpt
   */
  public String zoomMessage() {
    return zoomMessage;
  }
}
