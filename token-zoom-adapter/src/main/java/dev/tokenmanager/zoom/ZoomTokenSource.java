package dev.tokenmanager.zoom;

import dev.tokenmanager.core.error.ConfigurationRejectedException;
import dev.tokenmanager.core.error.TokenException;
import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.model.TokenKey;
import dev.tokenmanager.core.port.Clock;
import dev.tokenmanager.core.port.TokenSource;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TokenSource} that mints Zoom Server-to-Server OAuth tokens ({@code grant_type=account_credentials}).
 *
 * <p>Each {@link #mint(TokenKey)} sends exactly one {@code POST {baseUrl}/oauth/token} with the form
 * body {@code grant_type=account_credentials&account_id=...}, HTTP Basic client authentication and no
 * query string; it never retries, never follows a redirect and is bounded by the configured connect and
 * read timeouts. The token's lifetime is counted from the moment just before the request was sent, on
 * the given {@link Clock}. The key's slot does not change the request: each slot is simply another
 * token of the same app.
 *
 * <p>Failures are classified as Zoom's answers require ({@code zoom-oauth.md} §3) into the {@link
 * TokenException} subtypes listed on {@link TokenSource#mint(TokenKey)}. No message contains the client
 * secret, the {@code Authorization} header, a token value or a raw response body.
 *
 * <p>Thread-safe. Close it to release the HTTP client's worker threads.
 */
public final class ZoomTokenSource implements TokenSource, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ZoomTokenSource.class);

  private final ZoomConfig config;
  private final Clock clock;
  private final CredentialsLookup lookup;
  private final TokenEndpoint endpoint;
  private final AnswerClassifier classifier;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ZoomTokenSource(ZoomConfig config, Clock clock, CredentialsLookup lookup) {
    this.config = config;
    this.clock = clock;
    this.lookup = lookup;
    this.endpoint = new TokenEndpoint(config);
    this.classifier = new AnswerClassifier(new ZoomJson(), clock, config.defaultApiUrl());
  }

  /**
   * Creates a source for a fixed set of credentials, each minting the keys {@link
   * ZoomConfig#keyFor(ZoomCredentials)} gives it (any slot).
   *
   * @param config the endpoint and timeouts
   * @param clock the clock that dates every token
   * @param credentials the credentials; at least one, no two for the same key
   * @return the source
   * @throws IllegalArgumentException if an argument is null, no credentials are given, or two
   *     credentials share a key with different secrets
   */
  public static ZoomTokenSource create(ZoomConfig config, Clock clock, ZoomCredentials... credentials) {
    if (credentials == null || credentials.length == 0) {
      throw new IllegalArgumentException("credentials must name at least one app, but none was given");
    }
    require(config, "config");
    Map<TokenKey, ZoomCredentials> byKey = new HashMap<>();
    for (ZoomCredentials c : credentials) {
      require(c, "credentials element");
      ZoomCredentials previous = byKey.putIfAbsent(config.keyFor(c), c);
      if (previous != null && !previous.equals(c)) {
        throw new IllegalArgumentException(
            "credentials must hold one secret per key, but " + config.keyFor(c) + " has two");
      }
    }
    Map<TokenKey, ZoomCredentials> fixed = Map.copyOf(byKey);
    return create(config, clock, key -> Optional.ofNullable(fixed.get(key)));
  }

  /**
   * Creates a source that looks credentials up on every mint, so that a rotated secret is used by the
   * next mint without a restart.
   *
   * @param config the endpoint and timeouts
   * @param clock the clock that dates every token
   * @param lookup finds the credentials of a key
   * @return the source
   * @throws IllegalArgumentException if an argument is null
   */
  public static ZoomTokenSource create(ZoomConfig config, Clock clock, CredentialsLookup lookup) {
    require(config, "config");
    require(clock, "clock");
    require(lookup, "lookup");
    return new ZoomTokenSource(config, clock, lookup);
  }

  /**
   * Mints a new token for a key: one request, no retry.
   *
   * @param key the key; its host must be this source's {@link ZoomConfig#oauthHost()}
   * @return the token, issued at the send instant and expiring {@code expires_in} seconds later
   *     (3599 when Zoom names no lifetime)
   * @throws ConfigurationRejectedException if the key belongs to another host, has no credentials, or
   *     Zoom rejects the request or account ({@code invalid_request}, {@code unsupported_grant_type}, an
   *     unknown error)
   * @throws dev.tokenmanager.core.error.CredentialsRejectedException if Zoom refuses the client id or
   *     secret ({@code invalid_client}, codes 4702 and 4704)
   * @throws dev.tokenmanager.core.error.RateLimitedException on HTTP 429, with {@code Retry-After} as
   *     {@code retryAt} when it parses
   * @throws dev.tokenmanager.core.error.UpstreamUnavailableException on a 5xx answer, a timeout or a
   *     refused or reset connection
   * @throws dev.tokenmanager.core.error.MalformedResponseException if the answer is neither a usable
   *     token nor a known error (empty or non-JSON bodies, no {@code access_token}, a bad {@code
   *     expires_in}, a redirect)
   * @throws IllegalArgumentException if key is null
   * @throws IllegalStateException if the source is closed
   */
  @Override
  public AccessToken mint(TokenKey key) {
    require(key, "key");
    if (closed.get()) {
      throw new IllegalStateException("ZoomTokenSource is closed; cannot mint " + key);
    }
    ZoomCredentials credentials = credentialsFor(key);
    Instant sent = clock.now();
    try {
      AccessToken token = classifier.classify(key, endpoint.exchange(key, credentials), sent);
      LOG.debug("minted {} for {}", token, key);
      return token;
    } catch (TokenException e) {
      LOG.debug("mint for {} failed: {}", key, e.getMessage());
      throw e;
    }
  }

  /** Releases the HTTP client's worker threads. Idempotent; later mints throw {@link IllegalStateException}. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      endpoint.close();
    }
  }

  /** Returns the configuration and the state, never a credential. */
  @Override
  public String toString() {
    return "ZoomTokenSource[" + config.oauthHost() + (closed.get() ? ", closed" : "") + "]";
  }

  private ZoomCredentials credentialsFor(TokenKey key) {
    if (!key.oauthHost().equals(config.oauthHost())) {
      throw new ConfigurationRejectedException(
          key, "key's host " + key.oauthHost() + " is not this source's " + config.oauthHost(), null);
    }
    // Slots share the app's credentials, so lookups only ever see slot 0.
    TokenKey appKey = key.withSlot(0);
    Optional<ZoomCredentials> found = lookup.find(appKey);
    ZoomCredentials credentials = found == null ? null : found.orElse(null);
    if (credentials == null) {
      throw new ConfigurationRejectedException(key, "no Zoom credentials are configured for this key", null);
    }
    if (!config.keyFor(credentials).equals(appKey)) {
      throw new ConfigurationRejectedException(key, "the credentials found are for another app: "
          + config.keyFor(credentials), null);
    }
    return credentials;
  }

  private static void require(Object value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
  }

  /**
   * Finds the credentials of a key at the moment of a mint.
   *
   * <p>Called once per mint, with the key's slot set to 0 (every slot uses the same app). An
   * implementation backed by a secret store returns the current secret, so rotated credentials are used
   * by the next mint. Exceptions it throws reach the caller of {@link ZoomTokenSource#mint(TokenKey)}
   * unchanged.
   */
  @FunctionalInterface
  public interface CredentialsLookup {

    /**
     * Returns the credentials of a key.
     *
     * @param key the key, with slot 0
     * @return the credentials, whose {@link ZoomConfig#keyFor(ZoomCredentials) key} must be {@code key};
     *     empty if none are configured
     */
    Optional<ZoomCredentials> find(TokenKey key);
  }
}
