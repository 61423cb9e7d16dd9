package dev.tokenmanager.redis;

import io.lettuce.core.RedisURI;
import io.lettuce.core.SslVerifyMode;
import java.util.List;

/**
 * Checks and masks the URIs {@link RedisStoreConfig} accepts. Messages show a URI only masked, never
 * with its password, and never quote the parser's own message (which may).
 */
final class StoreUris {

  private static final String MASK = "****";

  private StoreUris() {}

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

  /**
   * Checks a URI: one of the accepted schemes; parseable with a host (every Sentinel and cluster seed
   * has one, and a port that is a number); a Sentinel URI names its master; TLS verification is not
   * lowered below {@code FULL}.
   *
   * @param uri the URI
   * @return its scheme
   * @throws IllegalArgumentException naming the problem and showing the URI masked
   */
  static Scheme check(String uri) {
    if (uri == null || uri.isBlank()) {
      throw new IllegalArgumentException("uri must not be blank, but was " + (uri == null ? "null" : "'" + uri + "'"));
    }
    Scheme scheme = Scheme.of(uri).orElseThrow(() -> new IllegalArgumentException(
        "uri must start with " + Scheme.ACCEPTED + ", but was '" + mask(uri) + "'"));
    if (scheme.kind() == Scheme.Kind.SENTINEL && !namesMaster(uri)) {
      throw new IllegalArgumentException("uri must name the master after '#', such as " + scheme.prefix()
          + "s1:26379,s2:26379,s3:26379/0#mymaster, but was '" + mask(uri) + "'");
    }
    try {
      List<RedisURI> nodes = scheme.kind() == Scheme.Kind.CLUSTER ? ClusterSeeds.parse(uri) : List.of();
      if (scheme.kind() != Scheme.Kind.CLUSTER) {
        RedisURI parsed = RedisURI.create(uri);
        checkVerification(parsed);
        nodes = scheme.kind() == Scheme.Kind.SENTINEL ? parsed.getSentinels() : List.of(parsed);
      }
      if (nodes.isEmpty()) {
        throw new IllegalArgumentException("no host");
      }
      for (RedisURI node : nodes) {
        checkHost(node);
        checkVerification(node);
      }
    } catch (WeakVerification e) {
      throw new IllegalArgumentException("uri must not lower TLS verification (verifyPeer must be FULL), but was '"
          + mask(uri) + "'");
    } catch (RuntimeException e) {
      // the parser's message may quote the URI with its password, so it is not kept
      throw new IllegalArgumentException("uri must be a valid " + scheme.prefix() + " URI with a host, but was '"
          + mask(uri) + "'");
    }
    return scheme;
  }

  /** Whether a Sentinel URI names its master, after {@code #} or as Lettuce's {@code sentinelMasterId} option. */
  private static boolean namesMaster(String uri) {
    int hash = uri.indexOf('#');
    return (hash >= 0 && !uri.substring(hash + 1).isBlank()) || uri.contains("sentinelMasterId=");
  }

  /** Rejects what Lettuce would take as a host but is none, such as {@code h:notaport}. */
  private static void checkHost(RedisURI node) {
    String host = node.getHost();
    if (host == null || host.isBlank() || (host.indexOf(':') >= 0 && !host.startsWith("["))) {
      throw new IllegalArgumentException("no valid host");
    }
  }

  private static void checkVerification(RedisURI parsed) {
    if (parsed.isSsl() && parsed.getVerifyMode() != SslVerifyMode.FULL) {
      throw new WeakVerification();
    }
  }

  /** A URI asks for less than full TLS verification. */
  private static final class WeakVerification extends RuntimeException {
    WeakVerification() {
      super(null, null, false, false);
    }
  }

}
