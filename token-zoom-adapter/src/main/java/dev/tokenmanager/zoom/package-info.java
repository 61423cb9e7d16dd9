/**
 * The Zoom adapter of the token manager: a {@link dev.tokenmanager.core.port.TokenSource} that mints
 * Server-to-Server OAuth tokens ({@code grant_type=account_credentials}) from Zoom's token endpoint.
 *
 * <p>The public surface is three types: {@link dev.tokenmanager.zoom.ZoomConfig} (where and how fast),
 * {@link dev.tokenmanager.zoom.ZoomCredentials} (who) and {@link dev.tokenmanager.zoom.ZoomTokenSource}
 * (the port implementation), plus the {@link dev.tokenmanager.zoom.RetryAfter} parser, which the Feign
 * integration for Zoom's REST API ({@code dev.tokenmanager.zoom.api}) shares. Everything else is
 * package-private: the Feign client, the Jackson records and the answer classification. No Feign or
 * Jackson type appears in a public signature of this package.
 *
 * <p>The adapter sends exactly one request per mint and never retries (the manager owns retries and
 * backoff), and every failure becomes one of the {@link dev.tokenmanager.core.error.TokenException}
 * subtypes, with a message built from parsed fields only: never a client secret, an
 * {@code Authorization} header, a token value or a raw response body.
 */
package dev.tokenmanager.zoom;
