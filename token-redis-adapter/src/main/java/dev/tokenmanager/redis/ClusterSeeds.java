package dev.tokenmanager.redis;

import io.lettuce.core.RedisURI;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a cluster URI, {@code redis-cluster://[[user:]password@]host1[:port1][,host2[:port2]...][/0][?options]}
 * (or {@code rediss-cluster://} for TLS), as the seed nodes the cluster client starts from: one
 * {@link RedisURI} per host, each with the shared credentials and options. The port defaults to
 * 6379; a database other than 0 and a {@code #fragment} are rejected (a cluster has only database
 * 0, and no master name).
 *
 * <p>Lettuce has no multi-host cluster URI of its own; this one follows its standalone syntax host by
 * host, so credentials are percent-encoded the same way.
 */
final class ClusterSeeds {

  private ClusterSeeds() {}

  /**
   * Parses the seed nodes of a cluster URI.
   *
   * @param uri a {@code redis-cluster://} or {@code rediss-cluster://} URI
   * @return one URI per seed node, in the order given
   * @throws IllegalArgumentException if the URI is not such a URI, names no host, a host or port is
   *     invalid, or it names a database other than 0 or a fragment; the message never quotes the URI
   */
  static List<RedisURI> parse(String uri) {
    Scheme scheme = Scheme.of(uri).filter(s -> s.kind() == Scheme.Kind.CLUSTER)
        .orElseThrow(() -> new IllegalArgumentException("not a cluster URI"));
    String rest = uri.substring(scheme.prefix().length());
    int authorityEnd = indexOfAny(rest, "/?#");
    int at = rest.lastIndexOf('@', authorityEnd < 0 ? rest.length() - 1 : authorityEnd);
    int hostsStart = at + 1;
    int hostsEnd = indexOfAny(rest.substring(hostsStart), "/?#");
    hostsEnd = hostsEnd < 0 ? rest.length() : hostsStart + hostsEnd;
    String userinfo = at < 0 ? "" : rest.substring(0, at + 1);
    String tail = rest.substring(hostsEnd);
    if (tail.indexOf('#') >= 0) {
      throw new IllegalArgumentException("a cluster URI has no #fragment (no master name)");
    }
    String single = scheme.tls() ? "rediss://" : "redis://";
    List<RedisURI> seeds = new ArrayList<>();
    for (String host : rest.substring(hostsStart, hostsEnd).split(",", -1)) {
      if (host.isBlank()) {
        throw new IllegalArgumentException("a cluster URI needs host[:port] entries separated by commas");
      }
      RedisURI seed = RedisURI.create(single + userinfo + host.strip() + tail);
      if (seed.getHost() == null || seed.getHost().isBlank()) {
        throw new IllegalArgumentException("a cluster seed has no host");
      }
      if (seed.getDatabase() != 0) {
        throw new IllegalArgumentException("a cluster has only database 0");
      }
      seeds.add(seed);
    }
    return seeds;
  }

  private static int indexOfAny(String text, String characters) {
    for (int i = 0; i < text.length(); i++) {
      if (characters.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }
}
