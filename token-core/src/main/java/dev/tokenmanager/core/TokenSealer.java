package dev.tokenmanager.core;

import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.model.TokenKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals a token value with AES-256-GCM and opens it again, in the format {@code
 * tmenc1.<key id>.<base64url(nonce || ciphertext || tag)>} (no padding, 12-byte random nonce, 128-bit
 * tag).
 *
 * <p>The associated data binds the sealed value to its token key and to every attribute that stays
 * in clear next to it (type, scopes, API URL, issue and expiry time, in epoch milliseconds), so a value
 * copied under another key, or whose clear attributes were edited, fails to open.
 */
final class TokenSealer {

  static final String PREFIX = "tmenc1.";

  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int KEY_ID_LENGTH = 8;

  private final TokenKeyring keyring;
  private final SecureRandom random = new SecureRandom();

  TokenSealer(TokenKeyring keyring) {
    this.keyring = keyring;
  }

  /** The outcome of opening a value: the token, or why it was rejected (never quoting the value). */
  record Opened(AccessToken token, String rejection) {
    boolean accepted() {
      return token != null;
    }
  }

  /** Returns the token with its value sealed under the current key. */
  AccessToken seal(TokenKey key, AccessToken token) {
    String keyId = keyring.currentKeyId();
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keyring.currentKey(), nonce, keyId, key, token);
      byte[] sealed = cipher.doFinal(token.value().getBytes(StandardCharsets.UTF_8));
      byte[] payload = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
      return token.withValue(PREFIX + keyId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed to seal a token value: " + e.getClass().getSimpleName(), e);
    }
  }

  /** Opens a sealed token; rejects a plaintext, malformed, foreign-key or tampered value. */
  Opened open(TokenKey key, AccessToken sealed) {
    String value = sealed.value();
    if (!value.startsWith(PREFIX)) {
      return rejected(value.startsWith("tmenc")
          ? "sealed in an unknown format version"
          : "not sealed (a plaintext value, written without encryption)");
    }
    int dot = value.indexOf('.', PREFIX.length());
    String keyId = dot == PREFIX.length() + KEY_ID_LENGTH ? value.substring(PREFIX.length(), dot) : "";
    if (!isKeyId(keyId)) {
      return rejected("malformed sealed value (no key id)");
    }
    SecretKey secretKey = keyring.key(keyId);
    if (secretKey == null) {
      return rejected("sealed with key id " + keyId + ", which is not in the keyring " + keyring.keyIds());
    }
    byte[] payload;
    try {
      payload = Base64.getUrlDecoder().decode(value.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      return rejected("malformed sealed value (not base64url)");
    }
    if (payload.length <= NONCE_BYTES + TAG_BITS / 8) {
      return rejected("malformed sealed value (too short)");
    }
    try {
      byte[] nonce = Arrays.copyOf(payload, NONCE_BYTES);
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, secretKey, nonce, keyId, key, sealed);
      byte[] plain = cipher.doFinal(payload, NONCE_BYTES, payload.length - NONCE_BYTES);
      return new Opened(sealed.withValue(new String(plain, StandardCharsets.UTF_8)), null);
    } catch (AEADBadTagException e) {
      return rejected("does not authenticate under key id " + keyId
          + " (tampered with, or copied from another token key)");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed to open a token value: " + e.getClass().getSimpleName(), e);
    }
  }

  private static boolean isKeyId(String text) {
    if (text.length() != KEY_ID_LENGTH) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
        return false;
      }
    }
    return true;
  }

  private static Opened rejected(String reason) {
    return new Opened(null, reason);
  }

  private static Cipher cipher(int mode, SecretKey secretKey, byte[] nonce, String keyId, TokenKey key,
      AccessToken token) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance(TRANSFORMATION);
    cipher.init(mode, secretKey, new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(associatedData(keyId, key, token));
    return cipher;
  }

  /**
   * Returns the associated data: every field length-prefixed, so no two different inputs give the
   * same bytes, whatever characters the fields hold.
   */
  static byte[] associatedData(String keyId, TokenKey key, AccessToken token) {
    StringBuilder sb = new StringBuilder(160).append(PREFIX);
    for (String field : new String[] {keyId, key.oauthHost(), key.accountId(), key.clientId(),
        Integer.toString(key.slot()), token.tokenType(), token.scopeText(), token.apiUrl(),
        Long.toString(token.issuedAt().toEpochMilli()), Long.toString(token.expiresAtMillis())}) {
      sb.append(field.length()).append(':').append(field).append(';');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }
}
