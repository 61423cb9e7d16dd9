/**
 * The shared {@link dev.tokenmanager.core.port.TokenStore} on Redis (Lettuce): the fleet's central
 * token cache with fenced writes, the refresh lease and the shared backoff record.
 *
 * <p>Public API: {@link dev.tokenmanager.redis.RedisStoreConfig} (where and how to connect) and
 * {@link dev.tokenmanager.redis.RedisTokenStore} (the store). Everything else is package-private, and
 * no Lettuce type appears in a public signature.
 *
 * <h2>Deployments</h2>
 *
 * <p>The URI's scheme picks how the one shared connection is made; everything else (timeouts,
 * {@code REJECT_COMMANDS} while disconnected, no replay after a reconnect, the operations and their
 * failures) is the same:
 *
 * <ul>
 *   <li>{@code redis://host:6379/0}, {@code rediss://...}: one server ({@code RedisClient});
 *   <li>{@code redis-sentinel://s1:26379,s2:26379,s3:26379/0#mymaster}, {@code rediss-sentinel://...}:
 *       the master the Sentinels name, through Lettuce's master/replica connection, which follows
 *       the Sentinels' events to the new master after a failover (Lettuce refreshes the topology 5 s
 *       after the first event, and at most every 5 s); reads and writes both go to the master. The URI's password
 *       is the data nodes'; the Sentinels' own comes from {@code withSentinelPassword}. A {@code
 *       READONLY} reply (events missed, the connection still on the demoted master) drops the
 *       connection and builds it again;
 *   <li>{@code redis-cluster://n1:6379,n2:6379,...}, {@code rediss-cluster://...}: a Redis Cluster
 *       ({@code RedisClusterClient}) found from any seed, with periodic (30 s) and adaptive topology
 *       refresh, a refresh after a command fails for lack of a connection, and connections to every
 *       master opened before the store counts as connected and after each topology change. Each
 *       operation, scripts included, touches the keys of one token key, which share a slot (below).
 * </ul>
 *
 * <p>TLS ({@code rediss*}) always verifies the certificate chain and the host name; {@code
 * withTrustedCertificates} trusts a PEM file (a private CA) instead of the JDK's trust store. During a
 * failover operations fail with {@link dev.tokenmanager.core.error.StoreUnavailableException}, at
 * once or after the command timeout, so the token manager falls back to its in-process store.
 *
 * <h2>Key layout</h2>
 *
 * <pre>
 * &lt;prefix&gt;{&lt;host&gt;|&lt;account&gt;|&lt;client&gt;|&lt;slot&gt;}:token     the token (JSON below), PX = remaining life
 * &lt;prefix&gt;{&lt;host&gt;|&lt;account&gt;|&lt;client&gt;|&lt;slot&gt;}:lease     the refresh lease owner, SET NX PX
 * &lt;prefix&gt;{&lt;host&gt;|&lt;account&gt;|&lt;client&gt;|&lt;slot&gt;}:backoff   the backoff record (JSON below), PX = ttl given
 * </pre>
 *
 * <p>The prefix defaults to {@code tm:}. The part in braces is a Redis Cluster hash tag, so the three
 * keys of a token key share one cluster slot. Each component (OAuth host, account id, client id) is
 * percent-encoded as UTF-8 bytes: every byte outside {@code A-Z a-z 0-9 - . _ ~} becomes {@code %XX}
 * (upper-case hex), so {@code { } | : % +}, white space and non-ASCII never appear raw and names are
 * unambiguous; the slot is a decimal number. Example: account {@code a{b}:c+d} of client {@code cid}
 * on {@code zoom.us}, slot 0 gives {@code tm:{zoom.us|a%7Bb%7D%3Ac%2Bd|cid|0}:token}. Keys never
 * contain a secret.
 *
 * <h2>Value format, version 1</h2>
 *
 * <p>Values are UTF-8 JSON objects, written pure ASCII (characters outside printable ASCII as {@code
 * \}{@code uXXXX} escapes), members in the order shown, times in epoch milliseconds (integers).
 *
 * <p>Token ({@code :token}):
 *
 * <pre>{@code
 * {"v":1,"access_token":"eyJ...","token_type":"bearer","scope":"meeting:read user:read:admin",
 *  "api_url":"https://api.zoom.us","issued_at":1767225600000,"expires_at":1767229199000}
 * }</pre>
 *
 * <ul>
 *   <li>{@code v}: the format version, 1;
 *   <li>{@code access_token}: the token value, not empty;
 *   <li>{@code token_type}: as the endpoint named it, not blank;
 *   <li>{@code scope}: the granted scopes, space-separated, possibly empty;
 *   <li>{@code api_url}: the API base URL to call with the token;
 *   <li>{@code issued_at}: when the token request was sent;
 *   <li>{@code expires_at}: when the token stops being valid, after {@code issued_at}.
 * </ul>
 *
 * <p>Backoff record ({@code :backoff}):
 *
 * <pre>{@code
 * {"v":1,"failures":3,"kind":"UPSTREAM_UNAVAILABLE","reason":"HTTP 503","next_attempt_at":1767225608000}
 * }</pre>
 *
 * <ul>
 *   <li>{@code failures}: consecutive failed mints, 1 or more;
 *   <li>{@code kind}: a {@link dev.tokenmanager.core.model.FailureKind} name;
 *   <li>{@code reason}: a short reason, never a secret (may be empty);
 *   <li>{@code next_attempt_at}: the earliest time any process may try again.
 * </ul>
 *
 * <p>Lease ({@code :lease}): the owner string given to {@code tryAcquireLease}, as is.
 *
 * <p>Readers are strict about syntax, types and the version and ignore members they do not know; a
 * change that an old reader would misread raises {@code v}. A value that is not valid JSON, not an
 * object, lacks a field, has a field of the wrong type or another version is rejected: {@code load}
 * and {@code loadBackoff} report it as {@link dev.tokenmanager.core.event.TokenEvent.StoreValueRejected}
 * (with a reason that never quotes the value) and return empty, and {@code saveIfNewer} overwrites it.
 * The Lua scripts read {@code expires_at} and {@code access_token} with Redis's built-in {@code
 * cjson}.
 */
package dev.tokenmanager.redis;
