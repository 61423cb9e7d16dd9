package dev.tokenmanager.redis;

import java.util.Optional;

/**
 * The URI schemes the store accepts, and what each means: which kind of deployment, and whether
 * the connections use TLS. Scheme names are lower case, as Lettuce reads them.
 */
enum Scheme {

  /** {@code redis://host:port/db}: one server. */
  REDIS("redis://", Kind.STANDALONE, false),
  /** {@code rediss://host:port/db}: one server over TLS. */
  REDISS("rediss://", Kind.STANDALONE, true),
  /** {@code redis-sentinel://h1:p1,h2:p2/db#master}: the master that the Sentinels name. */
  REDIS_SENTINEL("redis-sentinel://", Kind.SENTINEL, false),
  /** {@code rediss-sentinel://...}: the same, Sentinels and data nodes over TLS. */
  REDISS_SENTINEL("rediss-sentinel://", Kind.SENTINEL, true),
  /** {@code redis-cluster://h1:p1,h2:p2}: a Redis Cluster, reached through any of the seed nodes. */
  REDIS_CLUSTER("redis-cluster://", Kind.CLUSTER, false),
  /** {@code rediss-cluster://...}: the same over TLS. */
  REDISS_CLUSTER("rediss-cluster://", Kind.CLUSTER, true);

  /** The kinds of Redis deployment. */
  enum Kind { STANDALONE, SENTINEL, CLUSTER }

  /** The accepted prefixes, for messages. */
  static final String ACCEPTED = "redis://, rediss://, redis-sentinel://, rediss-sentinel://, redis-cluster:// or"
      + " rediss-cluster://";

  private final String prefix;
  private final Kind kind;
  private final boolean tls;

  Scheme(String prefix, Kind kind, boolean tls) {
    this.prefix = prefix;
    this.kind = kind;
    this.tls = tls;
  }

  /**
   * Returns the scheme a URI starts with.
   *
   * @param uri the URI, not null
   * @return the scheme, or empty if the URI starts with none of them (the comparison is case-sensitive)
   */
  static Optional<Scheme> of(String uri) {
    for (Scheme scheme : values()) {
      if (uri.startsWith(scheme.prefix)) {
        return Optional.of(scheme);
      }
    }
    return Optional.empty();
  }

  String prefix() {
    return prefix;
  }

  Kind kind() {
    return kind;
  }

  boolean tls() {
    return tls;
  }
}
