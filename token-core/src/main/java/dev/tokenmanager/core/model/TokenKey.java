package dev.tokenmanager.core.model;

import java.util.Locale;

/**
 * Identifies one shared token: the OAuth host that issues it, the account and the client (app) it is
 * for, and a slot number for accounts that keep several live tokens.
 *
 * <p>The key never contains the client secret, so it is safe to log and to use in store keys. Zoom
 * for Government and commercial tokens never mix, because the host is part of the key.
 *
 * @param oauthHost the authority of the token endpoint, such as {@code zoom.us}; lower-cased
 * @param accountId the Zoom account id
 * @param clientId the OAuth client id of the app
 * @param slot the slot number, 0 unless a pool of tokens is used
 */
public record TokenKey(String oauthHost, String accountId, String clientId, int slot) {

  /** The host of Zoom's commercial token endpoint. */
  public static final String ZOOM_HOST = "zoom.us";

  /**
   * Validates every component.
   *
   * @throws IllegalArgumentException if a component is blank, contains white space or control
   *     characters, or the slot is negative
   */
  public TokenKey {
    oauthHost = check("oauthHost", oauthHost).toLowerCase(Locale.ROOT);
    accountId = check("accountId", accountId);
    clientId = check("clientId", clientId);
    if (slot < 0) {
      throw new IllegalArgumentException("slot must be 0 or greater, but was " + slot);
    }
  }

  /**
   * Creates the key of slot 0.
   *
   * @param oauthHost the authority of the token endpoint, such as {@code zoom.us}
   * @param accountId the account id
   * @param clientId the client id
   * @return the key
   * @throws IllegalArgumentException if a component is invalid
   */
  public static TokenKey of(String oauthHost, String accountId, String clientId) {
    return new TokenKey(oauthHost, accountId, clientId, 0);
  }

  /**
   * Returns the same key for another slot.
   *
   * @param newSlot the slot number, 0 or greater
   * @return the key of that slot
   */
  public TokenKey withSlot(int newSlot) {
    return new TokenKey(oauthHost, accountId, clientId, newSlot);
  }

  /**
   * Returns a compact text form, {@code host/account/client#slot}, for logs and events.
   *
   * @return the text form
   */
  @Override
  public String toString() {
    return oauthHost + "/" + accountId + "/" + clientId + "#" + slot;
  }

  private static String check(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank, but was " + (value == null ? "null" : "'" + value + "'"));
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        throw new IllegalArgumentException(name + " must not contain white space or control characters, but was '" + value.strip() + "'");
      }
    }
    return value;
  }
}
