package dev.tokenmanager.zoom;

import feign.Headers;
import feign.Param;
import feign.RequestLine;
import feign.Response;

/**
 * The Feign contract of Zoom's token endpoint: one form POST, no query string.
 *
 * <p>The method returns the raw {@link Response}: Feign then hands back every status as it is, without
 * its error decoder, so the adapter classifies the answer itself.
 */
interface ZoomOAuthApi {

  /**
   * Sends a token request.
   *
   * @param authorization the whole {@code Authorization} header value ({@code Basic ...})
   * @param form the form body, already percent-encoded
   * @return the response, whatever its status; the caller closes it
   */
  @RequestLine("POST /oauth/token")
  @Headers({
    "Content-Type: application/x-www-form-urlencoded",
    "Accept: application/json",
    "Authorization: {authorization}"
  })
  Response requestToken(@Param("authorization") String authorization, String form);
}
