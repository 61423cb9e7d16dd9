package dev.tokenmanager.core.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * An OAuth access token with what is known about it: type, scopes, API base URL and lifetime.
 *
 * <p>The token value is kept out of every text form: {@link #toString()} shows a short {@link
 * #fingerprint()} instead, so a token can be logged, put in events and carried in exceptions safely.
 * Two tokens are equal when their values are equal.
 *
 * <p>{@code expiresAt} is counted from the moment the token request was sent, never from the
 * response's arrival, so network time never counts as validity.
 */
public final class AccessToken {

  /** The API base URL used when the token endpoint names none. */
  public static final String DEFAULT_API_URL = "https://api.zoom.us";

  private final String value;
  private final String tokenType;
  private final Set<String> scopes;
  private final String apiUrl;
  private final Instant issuedAt;
  private final Instant expiresAt;
  private final long expiresAtMillis;
  private final String fingerprint;

  private AccessToken(
      String value, String tokenType, Set<String> scopes, String apiUrl, Instant issuedAt, Instant expiresAt) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("token value must not be empty");
    }
    if (tokenType == null || tokenType.isBlank()) {
      throw new IllegalArgumentException("tokenType must not be blank, but was " + tokenType);
    }
    if (issuedAt == null || expiresAt == null) {
      throw new IllegalArgumentException("issuedAt and expiresAt are required, but were " + issuedAt + " and " + expiresAt);
    }
    if (!expiresAt.isAfter(issuedAt)) {
      throw new IllegalArgumentException("expiresAt must be after issuedAt, but was " + expiresAt + " <= " + issuedAt);
    }
    this.value = value;
    this.tokenType = tokenType;
    this.scopes = Collections.unmodifiableSortedSet(new TreeSet<>(scopes));
    this.apiUrl = apiUrl == null || apiUrl.isBlank() ? DEFAULT_API_URL : apiUrl;
    this.issuedAt = issuedAt;
    this.expiresAt = expiresAt;
    this.expiresAtMillis = expiresAt.toEpochMilli();
    this.fingerprint = fingerprintOf(value);
  }

  /**
   * Creates a token with every attribute.
   *
   * @param value the token value; not empty
   * @param tokenType the token type, such as {@code bearer}
   * @param scopes the granted scopes (may be empty)
   * @param apiUrl the API base URL; null or blank means {@link #DEFAULT_API_URL}
   * @param issuedAt when the token request was sent
   * @param expiresAt when the token stops being valid; after {@code issuedAt}
   * @return the token
   * @throws IllegalArgumentException if a value is missing or the lifetime is not positive
   */
  public static AccessToken of(
      String value, String tokenType, Collection<String> scopes, String apiUrl, Instant issuedAt, Instant expiresAt) {
    return new AccessToken(value, tokenType, new TreeSet<>(scopes), apiUrl, issuedAt, expiresAt);
  }

  /**
   * Creates a bearer token without scopes for the default API URL.
   *
   * @param value the token value
   * @param issuedAt when the token request was sent
   * @param expiresAt when the token stops being valid
   * @return the token
   */
  public static AccessToken bearer(String value, Instant issuedAt, Instant expiresAt) {
    return new AccessToken(value, "bearer", Set.of(), DEFAULT_API_URL, issuedAt, expiresAt);
  }

  /**
   * Parses a space-separated OAuth scope string.
   *
   * @param scope the scope text; null or blank gives an empty set
   * @return the scopes, sorted
   */
  public static Set<String> parseScopes(String scope) {
    Set<String> result = new TreeSet<>();
    if (scope != null) {
      for (String part : scope.trim().split("\\s+")) {
        if (!part.isEmpty()) {
          result.add(part);
        }
      }
    }
    return result;
  }

  /**
   * Returns a copy of this token with another value, everything else unchanged (used by store
   * decorators that seal the value).
   *
   * @param newValue the new value
   * @return the copy
   */
  public AccessToken withValue(String newValue) {
    return new AccessToken(newValue, tokenType, scopes, apiUrl, issuedAt, expiresAt);
  }

  /** Returns the token value, for the {@code Authorization} header and nothing else. */
  public String value() {
    return value;
  }

  /** Returns the token type as the endpoint named it, such as {@code bearer}. */
  public String tokenType() {
    return tokenType;
  }

  /** Returns the granted scopes, sorted and unmodifiable. */
  public Set<String> scopes() {
    return scopes;
  }

  /** Returns the scopes as one space-separated string, as OAuth writes them. */
  public String scopeText() {
    return String.join(" ", scopes);
  }

  /** Returns the API base URL to call with this token (Zoom's regional cluster). */
  public String apiUrl() {
    return apiUrl;
  }

  /** Returns when the token request was sent. */
  public Instant issuedAt() {
    return issuedAt;
  }

  /** Returns when the token stops being valid. */
  public Instant expiresAt() {
    return expiresAt;
  }

  /** Returns {@link #expiresAt()} in epoch milliseconds, without allocating. */
  public long expiresAtMillis() {
    return expiresAtMillis;
  }

  /** Returns the whole lifetime, from issue to expiry. */
  public Duration lifetime() {
    return Duration.between(issuedAt, expiresAt);
  }

  /**
   * Returns a short, stable fingerprint of the value ({@code sha256:} and 10 hex digits), safe to
   * log: it identifies a token without revealing it.
   *
   * @return the fingerprint
   */
  public String fingerprint() {
    return fingerprint;
  }

  /**
   * Returns a short fingerprint of any token value, safe to log.
   *
   * @param tokenValue the token value
   * @return {@code sha256:} and the first 10 hex digits of its SHA-256
   */
  public static String fingerprintOf(String tokenValue) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(tokenValue.getBytes(StandardCharsets.UTF_8));
      StringBuilder sb = new StringBuilder("sha256:");
      for (int i = 0; i < 5; i++) {
        sb.append(Character.forDigit((digest[i] >> 4) & 0xF, 16)).append(Character.forDigit(digest[i] & 0xF, 16));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AccessToken other && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  /** Returns a text without the token value: fingerprint, type, expiry, API URL. */
  @Override
  public String toString() {
    return "AccessToken[" + fingerprint + ", type=" + tokenType + ", expiresAt=" + expiresAt + ", apiUrl=" + apiUrl
        + ", length=" + value.length() + "]";
  }
}
