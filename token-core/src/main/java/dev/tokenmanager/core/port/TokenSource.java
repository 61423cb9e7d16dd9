package dev.tokenmanager.core.port;

import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.model.TokenKey;

/**
 * Asks an authorization server for a new token. Implementations are thread-safe, bound every
 * network call by a timeout, never retry by themselves (the manager owns the retry policy) and
 * translate every failure into the {@link dev.tokenmanager.core.error.TokenException} hierarchy.
 */
@FunctionalInterface
public interface TokenSource {

  /**
   * Mints a new token for a key. The token's {@code expiresAt} is counted from the moment the request
   * was sent.
   *
   * @param key the key to mint for
   * @return the new token
   * @throws dev.tokenmanager.core.error.CredentialsRejectedException if the credentials are refused
   * @throws dev.tokenmanager.core.error.ConfigurationRejectedException if the request or account is wrong
   * @throws dev.tokenmanager.core.error.RateLimitedException if the server throttles
   * @throws dev.tokenmanager.core.error.UpstreamUnavailableException if the server fails or times out
   * @throws dev.tokenmanager.core.error.MalformedResponseException if the answer is not a usable token
   */
  AccessToken mint(TokenKey key);
}
