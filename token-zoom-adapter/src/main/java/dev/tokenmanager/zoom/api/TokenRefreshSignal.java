package dev.tokenmanager.zoom.api;

import dev.tokenmanager.core.model.AccessToken;
import feign.Request;
import feign.RetryableException;
import java.util.Optional;

/**
 * The error decoder's answer to HTTP 401 with code 124: "refresh the token and retry once". Only
 * {@link RefreshOnceRetryer} acts on it; any other retryer sees a plain {@link RetryableException}.
 *
 * <p>Its cause is the typed {@link ZoomTokenRejectedException}, so that a client configured with
 * {@code ExceptionPropagationPolicy.UNWRAP} and a retryer that gives up surfaces that, not this. The
 * message names the token by fingerprint only.
 */
final class TokenRefreshSignal extends RetryableException {

  private final transient AccessToken rejected;

  /**
   * Creates the signal.
   *
   * @param request the request that was rejected
   * @param methodKey Feign's name of the method called
   * @param rejected the token object that was sent, or null if it was not handed out by this integration
   * @param rejection the typed error to surface if the call gives up
   */
  TokenRefreshSignal(Request request, String methodKey, AccessToken rejected, ZoomTokenRejectedException rejection) {
    super(401, "Zoom rejected access token " + rejection.tokenFingerprint() + "; refreshing it and retrying once",
        request.httpMethod(), rejection, (Long) null, request, methodKey);
    this.rejected = rejected;
  }

  /** Returns the token that was sent, if this integration handed it out. */
  Optional<AccessToken> rejectedToken() {
    return Optional.ofNullable(rejected);
  }

  /** Returns the typed error to surface if the call gives up. */
  ZoomTokenRejectedException rejection() {
    return (ZoomTokenRejectedException) getCause();
  }
}
