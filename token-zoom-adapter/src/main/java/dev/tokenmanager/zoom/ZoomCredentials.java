package dev.tokenmanager.zoom;

import dev.tokenmanager.core.model.Secret;

/**
 * The credentials of one Zoom Server-to-Server OAuth app for one account: the account id, the
 * client id and the client secret.
 *
 * <p>{@link #toString()} never shows the secret, and the secret is only revealed to build the
 * {@code Authorization} header of a token request.
 *
 * @param accountId the Zoom account id; not blank, no white space or control characters
 * @param clientId the app's client id; not blank, no white space, control characters or {@code :}
 *     (HTTP Basic authentication splits on the first colon)
 * @param clientSecret the app's client secret; no white space or control characters
 */
public record ZoomCredentials(String accountId, String clientId, Secret clientSecret) {

  /**
   * Validates every component.
   *
   * @param accountId the Zoom account id
   * @param clientId the app's client id
   * @param clientSecret the app's client secret
   * @throws IllegalArgumentException if a component is missing or malformed; the message names the
   *     field and, except for the secret, the bad value
   */
  public ZoomCredentials {
    checkId("accountId", accountId);
    checkId("clientId", clientId);
    if (clientId.indexOf(':') >= 0) {
      throw new IllegalArgumentException("clientId must not contain ':', but was '" + clientId + "'");
    }
    if (clientSecret == null) {
      throw new IllegalArgumentException("clientSecret must not be null");
    }
    if (hasSpaceOrControl(clientSecret.reveal())) {
      // A trailing newline from a mounted secret file is the usual cause; the value stays hidden.
      throw new IllegalArgumentException("clientSecret must not contain white space or control characters");
    }
  }

  /**
   * Creates credentials from plain strings, wrapping the secret at once.
   *
   * @param accountId the Zoom account id
   * @param clientId the app's client id
   * @param clientSecret the app's client secret
   * @return the credentials
   * @throws IllegalArgumentException if a value is missing or malformed (the secret is never shown)
   */
  public static ZoomCredentials of(String accountId, String clientId, String clientSecret) {
    if (clientSecret == null || clientSecret.isBlank()) {
      throw new IllegalArgumentException("clientSecret must not be blank");
    }
    return new ZoomCredentials(accountId, clientId, Secret.of(clientSecret));
  }

  /**
   * Returns a text with the account and client ids and a redacted secret.
   *
   * @return the text, free of the secret
   */
  @Override
  public String toString() {
    return "ZoomCredentials[accountId=" + accountId + ", clientId=" + clientId + ", clientSecret=redacted]";
  }

  private static void checkId(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          field + " must not be blank, but was " + (value == null ? "null" : "'" + value + "'"));
    }
    if (hasSpaceOrControl(value)) {
      throw new IllegalArgumentException(
          field + " must not contain white space or control characters, but was '" + Excerpt.escaped(value) + "'");
    }
  }

  private static boolean hasSpaceOrControl(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
        return true;
      }
    }
    return false;
  }
}
