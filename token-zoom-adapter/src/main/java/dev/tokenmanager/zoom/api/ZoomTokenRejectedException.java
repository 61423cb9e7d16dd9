package dev.tokenmanager.zoom.api;

import dev.tokenmanager.core.model.FailureKind;
import dev.tokenmanager.core.model.TokenKey;

/**
 * Zoom rejected the access token (HTTP 401, code 124) again after it had been replaced by a fresh one,
 * so the call failed with two different tokens. No further token is minted for this call.
 *
 * <p>The kind is {@link FailureKind#CREDENTIALS_REJECTED} (not retryable): when a freshly minted token
 * is refused, the app itself is likely deactivated, its credentials rotated or its tokens revoked, and
 * an operator must look. The message shows the tokens' fingerprints, never their values.
 */
public final class ZoomTokenRejectedException extends ZoomApiException {

  private final String tokenFingerprint;
  private final String previousFingerprint;

  ZoomTokenRejectedException(TokenKey key, String methodKey, ApiError error, String tokenFingerprint,
      String previousFingerprint) {
    super(FailureKind.CREDENTIALS_REJECTED, key, methodKey, error, summary(tokenFingerprint, previousFingerprint));
    this.tokenFingerprint = tokenFingerprint;
    this.previousFingerprint = previousFingerprint;
  }

  /**
   * Returns the same rejection, seen as the second one of a call whose first token was refused too.
   *
   * @param firstFingerprint the fingerprint of the token refused first
   * @return the exception to surface
   */
  ZoomTokenRejectedException again(String firstFingerprint) {
    return new ZoomTokenRejectedException(key().orElse(null), methodKey(), new ApiError(status(), code(), zoomMessage()),
        tokenFingerprint, firstFingerprint);
  }

  /** Returns the fingerprint of the token Zoom refused last ({@code sha256:} and 10 hex digits), or {@code none}. */
  public String tokenFingerprint() {
    return tokenFingerprint;
  }

  /**
   * Returns whether the call had already been retried with a fresh token when this rejection came.
   *
   * @return true for the exception a call surfaces; false only for the first rejection, which the
   *     call retries and never surfaces when it is configured by {@link ZoomApiAuth#configure}
   */
  public boolean afterRefresh() {
    return previousFingerprint != null;
  }

  private static String summary(String tokenFingerprint, String previousFingerprint) {
    return previousFingerprint == null
        ? "Zoom rejected access token " + tokenFingerprint
        : "Zoom rejected access token " + tokenFingerprint + " after a refresh (the call's first token, "
            + previousFingerprint + ", was rejected too); no further token is minted for this call";
  }
}
