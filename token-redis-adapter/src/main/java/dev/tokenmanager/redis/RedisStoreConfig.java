package dev.tokenmanager.redis;

import dev.tokenmanager.core.model.Secret;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where and how {@link RedisTokenStore} reaches Redis: one server, a Sentinel-managed master, or a
 * Redis Cluster, each optionally over TLS.
 *
 * <p>Start from {@link #of(String)} and vary with the {@code withX} methods. The URI's scheme picks
 * the deployment:
 *
 * <ul>
 *   <li>{@code redis://[[user:]password@]host[:port][/db]}, {@code rediss://...} over TLS: one server;
 *   <li>{@code redis-sentinel://[[user:]password@]host1[:port1][,host2[:port2]...][/db]#masterName}
 *       ({@code rediss-sentinel://} over TLS): the master the Sentinels name, followed across
 *       failovers. The URI's credentials are the data nodes'; Sentinels that require a password get
 *       it from {@link #withSentinelPassword(Secret)}. Sentinel ports default to 26379;
 *   <li>{@code redis-cluster://[[user:]password@]host1[:port1][,host2[:port2]...]} ({@code
 *       rediss-cluster://} over TLS): a Redis Cluster, discovered from any of these seed nodes
 *       (database 0 only). Ports default to 6379.
 * </ul>
 *
 * <p>A URI may carry credentials, but a password with {@code @ : /} or {@code %} in it must then be
 * percent-encoded; {@link #withCredentials(String, Secret)} avoids that trap and wins over credentials
 * in the URI. TLS always verifies the server's certificate chain and host name ({@code
 * verifyPeer=FULL}; a URI asking for less is rejected) against the JDK's trust store, or against the
 * PEM file given to {@link #withTrustedCertificates(Path)}. {@link #toString()} and {@link
 * #maskedUri()} never show a password, and no validation message does.
 *
 * @param uri the Redis URI, as described above; its {@code timeout} parameter, if any, is overridden
 *     by {@code commandTimeout}
 * @param username the ACL user name to authenticate to the data nodes as, or null for the default user
 * @param password the password for the data nodes, or null to use the URI's credentials (if any)
 * @param sentinelPassword the password the Sentinels require, or null if they require none; only
 *     with a Sentinel URI
 * @param trustedCertificates a PEM file of the certificates (such as a private CA) that TLS
 *     connections trust instead of the JDK's trust store, or null for the JDK's; only with a TLS URI
 * @param keyPrefix put before every key this store writes, such as {@code tm:}; may be empty; must
 *     not contain braces, white space or control characters
 * @param commandTimeout how long any one Redis call may take, at least 1 ms (default 500 ms)
 * @param connectTimeout how long opening a TCP connection may take, at least 1 ms (default 250 ms)
 */
public record RedisStoreConfig(String uri, String username, Secret password, Secret sentinelPassword,
    Path trustedCertificates, String keyPrefix, Duration commandTimeout, Duration connectTimeout) {

  /** The default key prefix. */
  public static final String DEFAULT_KEY_PREFIX = "tm:";
  /** The default command timeout. */
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMillis(500);
  /** The default connect timeout. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofMillis(250);

  /**
   * Validates every setting.
   *
   * @throws IllegalArgumentException if the URI is missing, has another scheme, is not parseable, lacks
   *     the master name of a Sentinel URI or asks for less than full TLS verification; if a user name
   *     is given without a password or is blank; if a Sentinel password is given for a URI that is not
   *     a Sentinel URI; if trusted certificates are given for a URI without TLS, or their file cannot
   *     be read or holds no certificate; if the key prefix is null or holds braces, white space or
   *     control characters; or if a timeout is missing or below 1 ms. Messages show the URI masked.
   */
  public RedisStoreConfig {
    Scheme scheme = StoreUris.check(uri);
    if (sentinelPassword != null && scheme.kind() != Scheme.Kind.SENTINEL) {
      throw new IllegalArgumentException("sentinelPassword is only used with redis-sentinel:// or rediss-sentinel://"
          + " URIs, but uri was '" + StoreUris.mask(uri) + "'");
    }
    if (trustedCertificates != null) {
      if (!scheme.tls()) {
        throw new IllegalArgumentException("trustedCertificates is only used with rediss://, rediss-sentinel:// or"
            + " rediss-cluster:// URIs, but uri was '" + StoreUris.mask(uri) + "'");
      }
      TrustedCertificates.read(trustedCertificates);
    }
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
   * Creates a configuration with the defaults: credentials only from the URI, no Sentinel password,
   * the JDK's trust store for TLS, key prefix {@value #DEFAULT_KEY_PREFIX}, command timeout 500 ms,
   * connect timeout 250 ms.
   *
   * @param uri a Redis, Sentinel or Cluster URI as described in the class description
   * @return the configuration
   * @throws IllegalArgumentException if the URI is invalid
   */
  public static RedisStoreConfig of(String uri) {
    return new RedisStoreConfig(uri, null, null, null, null, DEFAULT_KEY_PREFIX, DEFAULT_COMMAND_TIMEOUT,
        DEFAULT_CONNECT_TIMEOUT);
  }

  /**
   * Returns this configuration authenticating to the data nodes (the server, the Sentinel-managed
   * master and replicas, or every cluster node) with separate credentials, which win over any in the
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
    return new RedisStoreConfig(uri, newUsername, newPassword, sentinelPassword, trustedCertificates, keyPrefix,
        commandTimeout, connectTimeout);
  }

  /**
   * Returns this configuration authenticating to every Sentinel with a password (Sentinel's own
   * {@code requirepass}, which is separate from the data nodes' password).
   *
   * @param newSentinelPassword the Sentinels' password; not null
   * @return the new configuration
   * @throws IllegalArgumentException if the password is null or the URI is not a Sentinel URI
   */
  public RedisStoreConfig withSentinelPassword(Secret newSentinelPassword) {
    if (newSentinelPassword == null) {
      throw new IllegalArgumentException("sentinelPassword must not be null, but was null");
    }
    return new RedisStoreConfig(uri, username, password, newSentinelPassword, trustedCertificates, keyPrefix,
        commandTimeout, connectTimeout);
  }

  /**
   * Returns this configuration trusting, for TLS, exactly the certificates in a PEM file (such as the
   * certificate of a private CA) instead of the JDK's trust store. Host names are still verified.
   *
   * @param pemFile a file of one or more PEM certificates; read now, to check it, and again when the
   *     store is created
   * @return the new configuration
   * @throws IllegalArgumentException if the path is null, the URI does not use TLS, or the file cannot
   *     be read or holds no certificate
   */
  public RedisStoreConfig withTrustedCertificates(Path pemFile) {
    if (pemFile == null) {
      throw new IllegalArgumentException("trustedCertificates must not be null, but was null");
    }
    return new RedisStoreConfig(uri, username, password, sentinelPassword, pemFile, keyPrefix, commandTimeout,
        connectTimeout);
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
    return new RedisStoreConfig(uri, username, password, sentinelPassword, trustedCertificates, newKeyPrefix,
        commandTimeout, connectTimeout);
  }

  /**
   * Returns this configuration with another command timeout.
   *
   * @param newCommandTimeout how long any one Redis call may take; at least 1 ms
   * @return the new configuration
   * @throws IllegalArgumentException if the timeout is null or below 1 ms
   */
  public RedisStoreConfig withCommandTimeout(Duration newCommandTimeout) {
    return new RedisStoreConfig(uri, username, password, sentinelPassword, trustedCertificates, keyPrefix,
        newCommandTimeout, connectTimeout);
  }

  /**
   * Returns this configuration with another connect timeout.
   *
   * @param newConnectTimeout how long opening a connection may take; at least 1 ms
   * @return the new configuration
   * @throws IllegalArgumentException if the timeout is null or below 1 ms
   */
  public RedisStoreConfig withConnectTimeout(Duration newConnectTimeout) {
    return new RedisStoreConfig(uri, username, password, sentinelPassword, trustedCertificates, keyPrefix,
        commandTimeout, newConnectTimeout);
  }

  /**
   * Returns the URI with any password masked, such as {@code redis://user:****@host:6379/0} or {@code
   * redis-sentinel://:****@s1:26379,s2:26379/0#mymaster}.
   *
   * @return the masked URI
   */
  public String maskedUri() {
    return StoreUris.mask(uri);
  }

  /** Returns a text with the URI masked and the passwords redacted. */
  @Override
  public String toString() {
    return "RedisStoreConfig[uri=" + maskedUri() + ", username=" + username + ", password="
        + (password == null ? "none" : password)
        + (sentinelPassword == null ? "" : ", sentinelPassword=" + sentinelPassword)
        + (trustedCertificates == null ? "" : ", trustedCertificates=" + trustedCertificates)
        + ", keyPrefix=" + keyPrefix + ", commandTimeout=" + commandTimeout + ", connectTimeout=" + connectTimeout
        + "]";
  }

  /** Returns the scheme of the URI (valid once constructed). */
  Scheme scheme() {
    return Scheme.of(uri).orElseThrow();
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
