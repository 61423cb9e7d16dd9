package dev.tokenmanager.zoom.api;

import dev.tokenmanager.core.model.AccessToken;
import feign.RequestInterceptor;
import feign.RequestTemplate;
import feign.Target;
import java.net.URI;

/**
 * Puts the key's current token into the {@code Authorization: Bearer} header of every request, and
 * never anywhere else (Zoom refuses tokens in the query string).
 *
 * <p>Feign applies interceptors again before a retry, on the same template: the header is replaced,
 * not added, so the retry carries the fresh token only.
 *
 * <p>With {@code useTokenApiUrl}, the request goes to the token's {@code api_url} (Zoom's regional
 * cluster, such as {@code https://eu01api.zoom.us}): the template's target becomes the {@code api_url}
 * followed by the path of the Feign target's URL, so a target of {@code https://api.zoom.us/v2} becomes
 * {@code https://eu01api.zoom.us/v2}. A target without a fixed URL (a {@code URI} argument of the
 * method) is left as the caller chose it.
 */
final class BearerInterceptor implements RequestInterceptor {

  static final String AUTHORIZATION = "Authorization";

  private final BearerTokens tokens;
  private final boolean useTokenApiUrl;

  BearerInterceptor(BearerTokens tokens, boolean useTokenApiUrl) {
    this.tokens = tokens;
    this.useTokenApiUrl = useTokenApiUrl;
  }

  /**
   * Sets the header (and, if enabled, the target) for one attempt of a request.
   *
   * @param template the request being built
   * @throws dev.tokenmanager.core.error.TokenException if the manager has no valid token to give; the
   *     call then fails with it and nothing is sent
   */
  @Override
  public void apply(RequestTemplate template) {
    AccessToken token = tokens.handOut();
    template.removeHeader(AUTHORIZATION);
    // Literal: a header value is otherwise read as a URI template, and '{' would be expanded.
    template.headerLiteral(AUTHORIZATION, "Bearer " + token.value());
    if (useTokenApiUrl) {
      String path = fixedTargetPath(template.feignTarget());
      if (path != null) {
        template.target(withoutTrailingSlash(token.apiUrl()) + path);
      }
    }
  }

  /** Returns the path of the Feign target's URL without a trailing slash, or null if it has no fixed URL. */
  static String fixedTargetPath(Target<?> target) {
    if (target == null) {
      return null;
    }
    String url;
    try {
      url = target.url();
    } catch (UnsupportedOperationException e) {
      // Target.EmptyTarget: the URL comes from a URI argument of each call.
      return null;
    }
    String path = URI.create(url).getRawPath();
    return path == null ? "" : withoutTrailingSlash(path);
  }

  private static String withoutTrailingSlash(String text) {
    String s = text;
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  /** Returns the setting, never a token. */
  @Override
  public String toString() {
    return "BearerInterceptor[" + tokens.key() + (useTokenApiUrl ? ", token api_url" : "") + "]";
  }
}
