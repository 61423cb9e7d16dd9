package dev.tokenmanager.zoom.api;

import dev.tokenmanager.core.model.FailureKind;
import dev.tokenmanager.core.model.TokenKey;
import java.util.List;

/**
 * The token lacks scopes the call needs (HTTP 400, code 4711: {@code Invalid access token, does not
 * contain scopes:[...]}). The token itself is fine: it is neither invalidated nor refreshed, and the call
 * is not retried.
 *
 * <p>The kind is {@link FailureKind#CONFIGURATION_REJECTED} (not retryable): someone must add the
 * scopes to the app in the Zoom Marketplace; the next token minted after that carries them.
 */
public final class ZoomScopeException extends ZoomApiException {

  private final List<String> missingScopes;

  ZoomScopeException(TokenKey key, String methodKey, ApiError error, List<String> missingScopes) {
    super(FailureKind.CONFIGURATION_REJECTED, key, methodKey, error, summary(missingScopes));
    this.missingScopes = List.copyOf(missingScopes);
  }

  /**
   * Returns the scopes Zoom says the token lacks, in Zoom's order.
   *
   * @return the scopes, unmodifiable; empty if Zoom's message listed none in a form this parser knows
   */
  public List<String> missingScopes() {
    return missingScopes;
  }

  private static String summary(List<String> scopes) {
    return scopes.isEmpty()
        ? "Zoom API call needs scopes the token lacks"
        : "Zoom API call needs scopes the token lacks: " + String.join(", ", scopes);
  }
}
