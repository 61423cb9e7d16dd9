package dev.tokenmanager.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys of an {@link EncryptingTokenStore}: one current key that seals every new value,
 * and any number of previous keys that still open values sealed before a rotation.
 *
 * <p>Each key is exactly 32 random bytes ({@code openssl rand -base64 32} makes one). Its key id is
 * derived, never configured: the first 8 hex digits of the SHA-256 of the 32 key bytes ({@code
 * base64 -d <<<"$KEY" | sha256sum | cut -c1-8}). A sealed value names the id of the key that sealed
 * it, so the keyring opens it with that key. Key ids are safe to log; key material never reaches text:
 * {@link #toString()} shows key ids only, and no validation message quotes a key.
 *
 * <p>Immutable and thread-safe.
 */
public final class TokenKeyring {

  /** The length of every key, in bytes (AES-256). */
  public static final int KEY_BYTES = 32;

  private final String currentKeyId;
  private final Map<String, SecretKey> keys;

  private TokenKeyring(String currentKeyId, Map<String, SecretKey> keys) {
    this.currentKeyId = currentKeyId;
    this.keys = Collections.unmodifiableMap(keys);
  }

  /**
   * Creates a keyring from base64 text, as an environment variable would hold it. Standard and
   * URL-safe base64 are both accepted, with or without padding; surrounding white space is ignored.
   * A previous key identical to the current key or to an earlier previous key is ignored.
   *
   * @param current the key that seals new values
   * @param previous older keys that still open values sealed with them, newest first; may be empty
   * @return the keyring
   * @throws IllegalArgumentException if a key is missing, blank, not base64 or does not decode to
   *     exactly 32 bytes, or two different keys have the same key id; the message names the key
   *     ({@code current key}, {@code previous key #2}) and never shows it
   * @throws NullPointerException if {@code previous} is null
   */
  public static TokenKeyring fromBase64(String current, List<String> previous) {
    Objects.requireNonNull(previous, "previous (use List.of() for none)");
    byte[] currentBytes = decode("current key", current);
    List<byte[]> previousBytes = new ArrayList<>();
    for (int i = 0; i < previous.size(); i++) {
      previousBytes.add(decode(previousName(i), previous.get(i)));
    }
    return build(currentBytes, previousBytes);
  }

  /**
   * Creates a keyring from one base64 key and no previous key.
   *
   * @param current the key that seals new values
   * @return the keyring
   * @throws IllegalArgumentException if the key is not base64 of exactly 32 bytes
   */
  public static TokenKeyring fromBase64(String current) {
    return fromBase64(current, List.of());
  }

  /**
   * Creates a keyring from raw keys. The arrays are copied; the caller may clear its own.
   *
   * @param current the key that seals new values, 32 bytes
   * @param previous older keys, newest first, 32 bytes each; may be empty
   * @return the keyring
   * @throws IllegalArgumentException if a key is null or not exactly 32 bytes long, or two different
   *     keys have the same key id; the message names the key and never shows it
   * @throws NullPointerException if {@code previous} is null
   */
  public static TokenKeyring of(byte[] current, List<byte[]> previous) {
    Objects.requireNonNull(previous, "previous (use List.of() for none)");
    checkLength("current key", current);
    for (int i = 0; i < previous.size(); i++) {
      checkLength(previousName(i), previous.get(i));
    }
    return build(current, previous);
  }

  /**
   * Returns the id of the key that seals new values.
   *
   * @return 8 lower-case hex digits
   */
  public String currentKeyId() {
    return currentKeyId;
  }

  /**
   * Returns the ids of every key, the current one first, then the previous ones in the given order.
   *
   * @return the key ids, unmodifiable
   */
  public List<String> keyIds() {
    return List.copyOf(keys.keySet());
  }

  /** Returns the current key. */
  SecretKey currentKey() {
    return keys.get(currentKeyId);
  }

  /** Returns the key with an id, or null if the keyring has none. */
  SecretKey key(String keyId) {
    return keys.get(keyId);
  }

  /** Returns a text with the key ids only, such as {@code TokenKeyring[current=1a2b3c4d, previous=[9f8e7d6c]]}. */
  @Override
  public String toString() {
    List<String> ids = keyIds();
    return "TokenKeyring[current=" + currentKeyId + ", previous=" + ids.subList(1, ids.size()) + "]";
  }

  private static TokenKeyring build(byte[] current, List<byte[]> previous) {
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    Map<String, byte[]> material = new LinkedHashMap<>();
    String currentId = add("current key", current, keys, material);
    for (int i = 0; i < previous.size(); i++) {
      add(previousName(i), previous.get(i), keys, material);
    }
    return new TokenKeyring(currentId, keys);
  }

  private static String add(String name, byte[] key, Map<String, SecretKey> keys, Map<String, byte[]> material) {
    String id = keyIdOf(key);
    byte[] known = material.get(id);
    if (known == null) {
      material.put(id, key.clone());
      keys.put(id, new SecretKeySpec(key, "AES"));
    } else if (!MessageDigest.isEqual(known, key)) {
      throw new IllegalArgumentException(name + " has the key id " + id + " of an earlier, different key: "
          + "generate a new key");
    }
    return id;
  }

  /** Returns the first 8 hex digits of the SHA-256 of a key. */
  static String keyIdOf(byte[] key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
      StringBuilder sb = new StringBuilder(8);
      for (int i = 0; i < 4; i++) {
        sb.append(Character.forDigit((digest[i] >> 4) & 0xF, 16)).append(Character.forDigit(digest[i] & 0xF, 16));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  private static byte[] decode(String name, String base64) {
    if (base64 == null || base64.isBlank()) {
      throw new IllegalArgumentException(name + " must be base64 of " + KEY_BYTES + " bytes, but was "
          + (base64 == null ? "null" : "blank"));
    }
    String text = base64.strip();
    byte[] bytes;
    try {
      bytes = (text.indexOf('-') >= 0 || text.indexOf('_') >= 0 ? Base64.getUrlDecoder() : Base64.getDecoder())
          .decode(text.getBytes(StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      // The decoder's message may quote a character of the key: never pass it on.
      throw new IllegalArgumentException(name + " must be base64 of " + KEY_BYTES + " bytes, but is not valid base64");
    }
    if (bytes.length != KEY_BYTES) {
      int length = bytes.length;
      Arrays.fill(bytes, (byte) 0);
      throw new IllegalArgumentException(name + " must be base64 of " + KEY_BYTES + " bytes, but decodes to " + length
          + " bytes");
    }
    return bytes;
  }

  private static void checkLength(String name, byte[] key) {
    if (key == null) {
      throw new IllegalArgumentException(name + " must be " + KEY_BYTES + " bytes, but was null");
    }
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException(name + " must be " + KEY_BYTES + " bytes (AES-256), but was " + key.length
          + " bytes");
    }
  }

  private static String previousName(int index) {
    return "previous key #" + (index + 1);
  }
}
