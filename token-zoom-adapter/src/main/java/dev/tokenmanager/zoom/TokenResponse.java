package dev.tokenmanager.zoom;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The JSON body of a successful token response, validated as it is read.
 *
 * <p>A plain record with {@code @JsonProperty} on every component and no helper getters (Jackson's
 * record support has regressed around those before). Unknown fields are ignored, since Zoom adds fields
 * over time. {@code expiresIn} is a wrapper so that a missing value can be told from zero.
 *
 * @param accessToken the token value; required, not blank
 * @param tokenType the token type; {@code bearer} when absent or blank
 * @param expiresIn the lifetime in seconds; {@value #DEFAULT_EXPIRES_IN} when absent or null, else
 *     between 1 and {@value #MAX_EXPIRES_IN}
 * @param scope the space-separated scopes, may be null
 * @param apiUrl the regional API base URL, may be null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record TokenResponse(
    @JsonProperty("access_token") String accessToken,
    @JsonProperty("token_type") String tokenType,
    @JsonProperty("expires_in") Long expiresIn,
    @JsonProperty("scope") String scope,
    @JsonProperty("api_url") String apiUrl) {

  /** The lifetime assumed when {@code expires_in} is absent (the Moodle plugin's fallback). */
  static final long DEFAULT_EXPIRES_IN = 3599;

  /**
   * The longest lifetime accepted. Zoom documents one hour; a far larger value is a broken answer, and
   * caching it would keep a dead token for days.
   */
  static final long MAX_EXPIRES_IN = 86_400;

  /**
   * Validates the response. Messages never contain the token value.
   *
   * @throws IllegalArgumentException if the token is missing or the lifetime is out of range
   */
  TokenResponse {
    if (accessToken == null || accessToken.isBlank()) {
      throw new IllegalArgumentException("access_token is missing or blank");
    }
    tokenType = tokenType == null || tokenType.isBlank() ? "bearer" : tokenType;
    expiresIn = expiresIn == null ? DEFAULT_EXPIRES_IN : expiresIn;
    if (expiresIn < 1 || expiresIn > MAX_EXPIRES_IN) {
      throw new IllegalArgumentException(
          "expires_in must be between 1 and " + MAX_EXPIRES_IN + " seconds, but was " + expiresIn);
    }
  }
}
