/**
 * Calling Zoom's REST API with Feign, authenticated by the token manager: {@link
 * dev.tokenmanager.zoom.api.ZoomApiAuth} supplies the request interceptor, error decoder and retryer
 * for a team's own Feign interface, and the {@link dev.tokenmanager.zoom.api.ZoomApiException} family
 * says how a call failed.
 *
 * <p>On HTTP 401 with Zoom code 124 exactly the token that was sent is invalidated and the call is
 * retried once with its successor; a second such answer, a missing scope (400, code 4711) and a rate
 * limit (429) surface as typed exceptions and never cause a refresh.
 *
 * <p>This package is the Feign-facing integration and the one place of the Zoom adapter whose public
 * signatures name Feign types ({@code ZoomApiAuth} only; the exceptions do not). Its implementation is
 * package-private.
 */
package dev.tokenmanager.zoom.api;
