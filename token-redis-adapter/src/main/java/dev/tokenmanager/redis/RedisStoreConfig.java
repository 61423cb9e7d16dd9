package dev.tokenmanager.redis;

import dev.tokenmanager.core.model.Secret;
import io.lettuce.core.RedisURI;
import java.time.Duration;

/**
 * Where and how {@link RedisTokenStore} reaches Redis.
 *
 * <p>Start from {@link #of(String)} and vary with the {@code withX} methods. The URI may carry
 * credentials ({@code redis://user:password@host:6379/0}), but a password with {@code @ : /} or
 * {@code %} in it must then be percent-encoded; {@link #withCredentials(String, Secret)} avoids that
 * trap and wins over credentials in the URI. {@link #toString()} and {@link #maskedUri()} never show a
 * password, and no validation message does.
 *
 * @param uri a {@code redis://} or {@code rediss://} (TLS) URI, as Lettuce reads it; its {@code
 *     timeout} parameter, if any, is overridden by {@code commandTimeout}
 * @param username the ACL user name to authenticate as, or null for the default user
 * @param password the password to authenticate with, or null to use the URI's credentials (if any)
 * @param keyPrefix put before every key this store writes, such as {@code tm:}; may be empty; must
 *     not contain braces, white space or control characters
 * @param commandTimeout how long any one Redis call may take, at least 1 ms (default 500 ms)
 * @param connectTimeout how long opening a TCP connection may take, at least 1 ms (default 250 ms)
 */
public record RedisStoreConfig(String uri, String username, Secret password, String keyPrefix,
    Duration commandTimeout, Duration connectTimeout) {

  /** The default key prefix. */
  public static final String DEFAULT_KEY_PREFIX = "tm:";
  /** The default command timeout. */
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMillis(500);
  /** The default connect timeout. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofMillis(250);

  private static final String MASK = "****";

  /**
   * Validates every setting.
   *
   * @throws IllegalArgumentException if the URI is missing, not a {@code redis://} or {@code
   *     rediss://} URI or not parseable; if a user name is given without a password or is blank; if
   *     the key prefix is null or holds braces, white space or control characters; or if a timeout
   *     is missing or below 1 ms. Messages show the URI masked.
   */
  public RedisStoreConfig {
    checkUri(uri);
    if (username != null && (username.isBlank() || hasSpaceOrControl(username))) {
      throw new IllegalArgumentException(
          "username must be null or non-blank without white space, but was '" + username.strip() + "'");
    }
    if (username != null && password == null) {
      throw new IllegalArgumentException("password is required when username is set, but username was '"
          + username + "' and password was null");
    }
    checkPrefix(keyPrefix);
    checkTimeout("commandTimeout", commandTimeout);
    checkTimeout("connectTimeout", connectTimeout);
  }

  /**
   * Creates a configuration with the defaults: credentials only from the URI, key prefix {@value
   * #DEFAULT_KEY_PREFIX}, command timeout 500 ms, connect timeout 250 ms.
   *
   * @param uri a {@code redis://} or {@code rediss://} URI
   * @return the configuration
   * @throws IllegalArgumentException if the URI is invalid
   */
  public static RedisStoreConfig of(String uri) {
    return new RedisStoreConfig(uri, null, null, DEFAULT_KEY_PREFIX, DEFAULT_COMMAND_TIMEOUT, DEFAULT_CONNECT_TIMEOUT);
  }

  /**
   * Returns this configuration authenticating with separate credentials, which win over any in the
   * URI and need no URI encoding.
   *
   * @param newUsername the ACL user name, or null for the default user
   * @param newPassword the password; not null
   * @return the new configuration
   * @throws IllegalArgumentException if the password is null or the user name blank
   */
  public RedisStoreConfig withCredentials(String newUsername, Secret newPassword) {
    if (newPassword == null) {
      throw new IllegalArgumentException("password must not be null, but was null");
    }
    return new RedisStoreConfig(uri, newUsername, newPassword, keyPrefix, commandTimeout, connectTimeout);
  }

  /**
   * Returns this configuration with another key prefix.
   *
   * @param newKeyPrefix the prefix, such as {@code tm:}; may be empty
   * @return the new configuration
   * @throws IllegalArgumentException if the prefix is null or holds braces, white space or control
   *     characters
   */
  public RedisStoreConfig withKeyPrefix(String newKeyPrefix) {
    return new RedisStoreConfig(uri, username, password, newKeyPrefix, commandTimeout, connectTimeout);
  }

  /**
   * Returns this configuration with another command timeout.
   *
   * @param newCommandTimeout how long any one Redis call may take; at least 1 ms
   * @return the new configuration
   * @throws IllegalArgumentException if the timeout is null or below 1 ms
   */
  public RedisStoreConfig withCommandTimeout(Duration newCommandTimeout) {
    return new RedisStoreConfig(uri, username, password, keyPrefix, newCommandTimeout, connectTimeout);
  }

  /**
   * Returns this configuration with another connect timeout.
   *
   * @param newConnectTimeout how long opening a connection may take; at least 1 ms
   * @return the new configuration
   * @throws IllegalArgumentException if the timeout is null or below 1 ms
   */
  public RedisStoreConfig withConnectTimeout(Duration newConnectTimeout) {
    return new RedisStoreConfig(uri, username, password, keyPrefix, commandTimeout, newConnectTimeout);
  }

  /**
   * Returns the URI with any password masked, such as {@code redis://user:****@host:6379/0}.
   *
   * @return the masked URI
   */
  public String maskedUri() {
    return mask(uri);
  }

  /** Returns a text with the URI masked and the password redacted. */
  @Override
  public String toString() {
    return "RedisStoreConfig[uri=" + maskedUri() + ", username=" + username + ", password="
        + (password == null ? "none" : password) + ", keyPrefix=" + keyPrefix + ", commandTimeout="
        + commandTimeout + ", connectTimeout=" + connectTimeout + "]";
  }

  /**
   * Masks the userinfo of a URI: {@code user:secret@} becomes {@code user:****@}, a userinfo without a
   * colon (Lettuce reads it as a password) becomes {@code ****@}. Everything up to the last {@code @}
   * counts as userinfo, so an unencoded {@code @} in a password cannot leak its tail.
   */
  static String mask(String uri) {
    if (uri == null) {
      return null;
    }
    int at = uri.lastIndexOf('@');
    if (at < 0) {
      return uri;
    }
    int schemeEnd = uri.indexOf("://");
    int start = schemeEnd >= 0 && schemeEnd < at ? schemeEnd + 3 : 0;
    String userinfo = uri.substring(start, at);
    int colon = userinfo.indexOf(':');
    String masked = colon < 0 ? MASK : userinfo.substring(0, colon) + ":" + MASK;
    return uri.substring(0, start) + masked + uri.substring(at);
  }

  private static void checkUri(String uri) {
    if (uri == null || uri.isBlank()) {
      throw new IllegalArgumentException("uri must not be blank, but was " + (uri == null ? "null" : "'" + uri + "'"));
    }
    if (!uri.startsWith("redis://") && !uri.startsWith("rediss://")) {
      throw new IllegalArgumentException("uri must start with redis:// or rediss://, but was '" + mask(uri) + "'");
    }
    try {
      RedisURI parsed = RedisURI.create(uri);
      if (parsed.getHost() == null || parsed.getHost().isBlank()) {
        throw new IllegalArgumentException("no host");
      }
    } catch (RuntimeException e) {
      // the parser's message may quote the URI with its password, so it is not kept
      throw new IllegalArgumentException("uri must be a valid Redis URI with a host, but was '" + mask(uri) + "'");
    }
  }

  private static void checkPrefix(String prefix) {
    if (prefix == null) {
      throw new IllegalArgumentException("keyPrefix must not be null, but was null");
    }
    if (prefix.indexOf('{') >= 0 || prefix.indexOf('}') >= 0 || hasSpaceOrControl(prefix)) {
      throw new IllegalArgumentException(
          "keyPrefix must not contain braces, white space or control characters, but was '" + prefix + "'");
    }
  }

  private static void checkTimeout(String name, Duration timeout) {
    if (timeout == null || timeout.toMillis() < 1) {
      throw new IllegalArgumentException(name + " must be at least 1 ms, but was " + timeout);
    }
  }

  private static boolean hasSpaceOrControl(String text) {
    return text.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c));
  }
}
