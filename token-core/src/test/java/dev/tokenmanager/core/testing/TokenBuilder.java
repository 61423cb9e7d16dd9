package dev.tokenmanager.core.testing;

import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.model.TokenKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** Builds test tokens and keys with readable defaults. */
public final class TokenBuilder {

  private static final AtomicLong COUNTER = new AtomicLong();

  private String value = "token-" + COUNTER.incrementAndGet();
  private String type = "bearer";
  private Set<String> scopes = Set.of("user:read:admin");
  private String apiUrl = AccessToken.DEFAULT_API_URL;
  private Instant issuedAt = Instant.parse("2026-01-01T00:00:00Z");
  private Duration lifetime = Duration.ofHours(1);

  private TokenBuilder() {}

  /** Starts a bearer token of one hour, issued 2026-01-01T00:00:00Z, with a unique value. */
  public static TokenBuilder aToken() {
    return new TokenBuilder();
  }

  /** Returns the key {@code zoom.us/account-1/client-1#0}. */
  public static TokenKey aKey() {
    return TokenKey.of("zoom.us", "account-1", "client-1");
  }

  /**
   * Sets the value.
   *
   * @param newValue the token value
   * @return this builder
   */
  public TokenBuilder value(String newValue) {
    this.value = newValue;
    return this;
  }

  /**
   * Sets the token type.
   *
   * @param newType the type
   * @return this builder
   */
  public TokenBuilder type(String newType) {
    this.type = newType;
    return this;
  }

  /**
   * Sets the scopes.
   *
   * @param newScopes the scopes
   * @return this builder
   */
  public TokenBuilder scopes(String... newScopes) {
    this.scopes = Set.of(newScopes);
    return this;
  }

  /**
   * Sets the API URL.
   *
   * @param newApiUrl the URL
   * @return this builder
   */
  public TokenBuilder apiUrl(String newApiUrl) {
    this.apiUrl = newApiUrl;
    return this;
  }

  /**
   * Sets when the token was issued.
   *
   * @param at the issue time
   * @return this builder
   */
  public TokenBuilder issuedAt(Instant at) {
    this.issuedAt = at;
    return this;
  }

  /**
   * Sets the lifetime.
   *
   * @param newLifetime from issue to expiry
   * @return this builder
   */
  public TokenBuilder lifetime(Duration newLifetime) {
    this.lifetime = newLifetime;
    return this;
  }

  /** Builds the token. */
  public AccessToken build() {
    return AccessToken.of(value, type, List.copyOf(scopes), apiUrl, issuedAt, issuedAt.plus(lifetime));
  }
}
