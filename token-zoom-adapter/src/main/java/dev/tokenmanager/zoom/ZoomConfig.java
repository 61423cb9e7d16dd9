package dev.tokenmanager.zoom;

import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.model.TokenKey;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;

/**
 * Where Zoom's token endpoint is and how long to wait for it.
 *
 * <p>Defaults ({@link #defaults()}): base URL {@code https://zoom.us}, connect timeout 1 s, read timeout
 * 3 s, default API URL {@code https://api.zoom.us}. The token request goes to {@code baseUrl +
 * "/oauth/token"}. The base URL's authority becomes the {@link TokenKey#oauthHost() oauthHost} of every
 * key, so tokens of the commercial cloud and of Zoom for Government never mix.
 *
 * <p>The read timeout bounds the wait for the response headers; a body that trickles in slowly is
 * bounded by the manager's overall deadline, not here.
 *
 * @param baseUrl the scheme and authority of the token endpoint, optionally with a path prefix; {@code
 *     http} or {@code https}, no user info, query or fragment; a trailing slash is dropped
 * @param connectTimeout how long to wait for a connection; between 1 ms and 1 hour
 * @param readTimeout how long to wait for the response once the request is sent; between 1 ms and 1 hour
 * @param defaultApiUrl the API base URL given to tokens whose response names none ({@code api_url})
 */
public record ZoomConfig(URI baseUrl, Duration connectTimeout, Duration readTimeout, String defaultApiUrl) {

  /** The base URL of Zoom's commercial token endpoint. */
  public static final String ZOOM_BASE_URL = "https://zoom.us";

  /**
   * The base URL of the Zoom for Government token endpoint (as quoted by third parties; Zoom's own
   * page is unconfirmed).
   */
  public static final String ZOOMGOV_BASE_URL = "https://zoomgov.com";

  /** The API base URL of Zoom's commercial cloud. */
  public static final String ZOOM_API_URL = AccessToken.DEFAULT_API_URL;

  /** The API base URL of Zoom for Government (as quoted by third parties; unconfirmed). */
  public static final String ZOOMGOV_API_URL = "https://api.zoomgov.com";

  private static final Duration MAX_TIMEOUT = Duration.ofHours(1);

  /**
   * Validates and normalises every component.
   *
   * @param baseUrl the base URL of the token endpoint
   * @param connectTimeout the connect timeout
   * @param readTimeout the read timeout
   * @param defaultApiUrl the API base URL for tokens whose response names none
   * @throws IllegalArgumentException if a component is missing or invalid; the message names the field
   *     and the bad value (with any user info hidden)
   */
  public ZoomConfig {
    baseUrl = checkBaseUrl(baseUrl);
    checkTimeout("connectTimeout", connectTimeout);
    checkTimeout("readTimeout", readTimeout);
    checkApiUrl(defaultApiUrl);
  }

  /**
   * Returns the configuration for Zoom's commercial cloud: {@code https://zoom.us}, connect timeout 1 s,
   * read timeout 3 s, default API URL {@code https://api.zoom.us}.
   *
   * @return the default configuration
   */
  public static ZoomConfig defaults() {
    return new ZoomConfig(URI.create(ZOOM_BASE_URL), Duration.ofSeconds(1), Duration.ofSeconds(3), ZOOM_API_URL);
  }

  /**
   * Returns the default configuration for Zoom for Government: {@code https://zoomgov.com} and the
   * default API URL {@code https://api.zoomgov.com}, with the default timeouts.
   *
   * @return the configuration
   */
  public static ZoomConfig government() {
    return defaults().withBaseUrl(ZOOMGOV_BASE_URL).withDefaultApiUrl(ZOOMGOV_API_URL);
  }

  /**
   * Returns the defaults with another base URL (the default API URL stays {@code https://api.zoom.us};
   * see {@link #government()} for Zoom for Government).
   *
   * @param baseUrl the base URL, such as {@code https://zoom.us} or {@code http://127.0.0.1:8089}
   * @return the configuration
   * @throws IllegalArgumentException if the URL is invalid
   */
  public static ZoomConfig of(String baseUrl) {
    return defaults().withBaseUrl(baseUrl);
  }

  /**
   * Returns a copy with another base URL.
   *
   * @param newBaseUrl the base URL
   * @return the copy
   * @throws IllegalArgumentException if the URL is invalid
   */
  public ZoomConfig withBaseUrl(String newBaseUrl) {
    return new ZoomConfig(parse("baseUrl", newBaseUrl), connectTimeout, readTimeout, defaultApiUrl);
  }

  /**
   * Returns a copy with other timeouts.
   *
   * @param connect the connect timeout
   * @param read the read timeout
   * @return the copy
   * @throws IllegalArgumentException if a timeout is missing, below 1 ms or above 1 hour
   */
  public ZoomConfig withTimeouts(Duration connect, Duration read) {
    return new ZoomConfig(baseUrl, connect, read, defaultApiUrl);
  }

  /**
   * Returns a copy with another default API URL.
   *
   * @param newDefaultApiUrl the API base URL for tokens whose response names none
   * @return the copy
   * @throws IllegalArgumentException if the URL is not an absolute http(s) URL
   */
  public ZoomConfig withDefaultApiUrl(String newDefaultApiUrl) {
    return new ZoomConfig(baseUrl, connectTimeout, readTimeout, newDefaultApiUrl);
  }

  /**
   * Returns the authority of the token endpoint, lower-cased and without a default port: {@code
   * zoom.us}, {@code zoomgov.com}, {@code 127.0.0.1:8089}.
   *
   * @return the OAuth host that goes into every {@link TokenKey}
   */
  public String oauthHost() {
    String host = baseUrl.getHost().toLowerCase(Locale.ROOT);
    int port = baseUrl.getPort();
    boolean defaultPort = port == -1 || port == ("https".equals(baseUrl.getScheme()) ? 443 : 80);
    return defaultPort ? host : host + ":" + port;
  }

  /**
   * Returns the key (slot 0) of the token that these credentials mint at this endpoint.
   *
   * @param credentials the credentials
   * @return {@code TokenKey.of(oauthHost(), accountId, clientId)}
   * @throws IllegalArgumentException if credentials is null
   */
  public TokenKey keyFor(ZoomCredentials credentials) {
    if (credentials == null) {
      throw new IllegalArgumentException("credentials must not be null");
    }
    return TokenKey.of(oauthHost(), credentials.accountId(), credentials.clientId());
  }

  private static URI checkBaseUrl(URI url) {
    checkHttpUrl("baseUrl", url);
    if (url.getRawQuery() != null) {
      throw new IllegalArgumentException("baseUrl must not have a query, but was " + url);
    }
    if (url.getRawFragment() != null) {
      throw new IllegalArgumentException("baseUrl must not have a fragment, but was " + url);
    }
    String path = url.getRawPath() == null ? "" : url.getRawPath();
    String trimmed = path.replaceAll("/+$", "");
    String scheme = url.getScheme().toLowerCase(Locale.ROOT);
    if (trimmed.equals(path) && scheme.equals(url.getScheme())) {
      return url;
    }
    return URI.create(scheme + "://" + url.getRawAuthority() + trimmed);
  }

  private static void checkApiUrl(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException(
          "defaultApiUrl must not be blank, but was " + (url == null ? "null" : "'" + url + "'"));
    }
    checkHttpUrl("defaultApiUrl", parse("defaultApiUrl", url));
  }

  private static void checkHttpUrl(String field, URI url) {
    if (url == null) {
      throw new IllegalArgumentException(field + " must not be null");
    }
    if (url.getRawUserInfo() != null) {
      throw new IllegalArgumentException(field + " must not contain user info, but was " + withoutUserInfo(url));
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(field + " must be an absolute http or https URL, but was " + url);
    }
    if (url.getHost() == null) {
      throw new IllegalArgumentException(field + " must name a valid host, but was " + url);
    }
  }

  private static URI parse(String field, String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException(
          field + " must not be blank, but was " + (url == null ? "null" : "'" + url + "'"));
    }
    try {
      return new URI(url.strip());
    } catch (URISyntaxException e) {
      // The raw text may hold a password before '@'; show it only when it cannot.
      String shown = url.indexOf('@') >= 0 ? "(hidden: it contains '@')" : "'" + Excerpt.of(url) + "'";
      // No cause: the URISyntaxException's message repeats the raw text.
      throw new IllegalArgumentException(field + " is not a valid URL (" + e.getReason() + "), but was " + shown);
    }
  }

  private static String withoutUserInfo(URI url) {
    String text = url.toString();
    int at = text.indexOf('@');
    int start = text.indexOf("//");
    return start >= 0 && at > start ? text.substring(0, start + 2) + "***" + text.substring(at) : "(hidden)";
  }

  private static void checkTimeout(String field, Duration timeout) {
    if (timeout == null) {
      throw new IllegalArgumentException(field + " must not be null");
    }
    if (timeout.toMillis() < 1 || timeout.compareTo(MAX_TIMEOUT) > 0) {
      throw new IllegalArgumentException(field + " must be between 1ms and 1h, but was " + timeout);
    }
  }
}
