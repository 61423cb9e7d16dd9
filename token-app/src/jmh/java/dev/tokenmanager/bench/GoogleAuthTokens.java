package dev.tokenmanager.bench;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.OAuth2Credentials;
import java.io.IOException;
import java.time.Duration;
import java.util.Date;

/**
 * The best in-process peer: google-auth-library's {@link OAuth2Credentials}, whose refresh calls the
 * same sandbox endpoint. Callers use {@link #getRequestMetadata(java.net.URI)}, which returns the cached
 * {@code Authorization} header while the token is FRESH, refreshes on the calling thread once it is
 * STALE (others keep the old value) and makes everyone wait once it is EXPIRED.
 */
final class GoogleAuthTokens extends OAuth2Credentials {

  private static final long serialVersionUID = 1L;

  /** google-auth's own margins: refresh at 3 m 45 s before expiry, stop serving at 3 m. */
  static final Duration DEFAULT_REFRESH_MARGIN = Duration.ofMinutes(3).plusSeconds(45);
  static final Duration DEFAULT_EXPIRATION_MARGIN = Duration.ofMinutes(3);

  private final transient SandboxMinter minter;

  GoogleAuthTokens(SandboxMinter minter, Duration refreshMargin, Duration expirationMargin) {
    super(null, refreshMargin, expirationMargin);
    this.minter = minter;
  }

  @Override
  public AccessToken refreshAccessToken() throws IOException {
    SandboxMinter.Minted minted = minter.mint();
    return new AccessToken(minted.value(), new Date(minted.expiresAtMillis()));
  }

  @Override
  public boolean equals(Object obj) {
    return this == obj;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }
}
