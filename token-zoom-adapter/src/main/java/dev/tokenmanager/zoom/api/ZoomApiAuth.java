package dev.tokenmanager.zoom.api;

import dev.tokenmanager.core.TokenManager;
import dev.tokenmanager.core.model.TokenKey;
import dev.tokenmanager.core.port.Clock;
import feign.ExceptionPropagationPolicy;
import feign.Feign;
import feign.RequestInterceptor;
import feign.Retryer;
import feign.codec.ErrorDecoder;

/**
 * Lets a team's own Feign interface for Zoom's REST API authenticate through the token manager.
 *
 * <pre>{@code
 * ZoomApiAuth auth = ZoomApiAuth.create(manager, key);
 * ZoomApi api = auth.configure(Feign.builder().client(client).decoder(decoder))
 *     .target(ZoomApi.class, "https://api.zoom.us/v2");
 * }</pre>
 *
 * <p>Three Feign parts work together, and {@link #configure(Feign.Builder)} installs all three:
 *
 * <ul>
 *   <li>{@link #interceptor()} sets {@code Authorization: Bearer <token>} from {@link
 *       TokenManager#token(TokenKey)} (the manager's hot path: no I/O while the token is fresh). The
 *       token never goes into the URL.
 *   <li>{@link #errorDecoder()} classifies error responses by HTTP status and Zoom's {@code code}: 401
 *       with code 124 asks for one refresh and retry; 400 with code 4711 becomes {@link
 *       ZoomScopeException}; 429 becomes {@link ZoomRateLimitException}; everything else {@link
 *       ZoomApiException}. None but the first ever touches the token.
 *   <li>{@link #retryer()} acts on the refresh request only: the first time in a call, it invalidates
 *       exactly the token that was sent (the manager evicts it, and mints once, only if it is still
 *       current, so a late 401 for an old token leaves its successor alone and 50 concurrent 401s cause
 *       one mint) and retries once with the new token; a second 401/124 surfaces as {@link
 *       ZoomTokenRejectedException}. Every other retryable error propagates at once.
 * </ul>
 *
 * <p>Errors of the manager itself (no valid token within its wait, say) reach the caller unchanged
 * as {@link dev.tokenmanager.core.error.TokenException}s, and nothing is sent. Methods that return
 * Feign's raw {@code Response} bypass Feign's error decoder, and with it the refresh; declare a typed
 * return value instead.
 *
 * <p>Neither the token nor the {@code Authorization} header is ever logged or put into an exception
 * message. Feign's own logger prints headers from level {@code HEADERS} up: keep it at {@code BASIC}.
 *
 * <p>Immutable and thread-safe; one instance may serve many clients of the same key. This is the one
 * type of the Zoom adapter whose signatures name Feign types.
 */
public final class ZoomApiAuth {

  private final BearerTokens tokens;
  private final Clock clock;
  private final boolean useTokenApiUrl;
  private final BearerInterceptor interceptor;
  private final ZoomErrorDecoder errorDecoder;
  private final RefreshOnceRetryer retryer;

  private ZoomApiAuth(BearerTokens tokens, Clock clock, boolean useTokenApiUrl) {
    this.tokens = tokens;
    this.clock = clock;
    this.useTokenApiUrl = useTokenApiUrl;
    this.interceptor = new BearerInterceptor(tokens, useTokenApiUrl);
    this.errorDecoder = new ZoomErrorDecoder(tokens, clock);
    this.retryer = new RefreshOnceRetryer(tokens);
  }

  /**
   * Creates the integration for one key's tokens, with the target's base URL (not the token's {@code
   * api_url}) and the system clock.
   *
   * @param manager the token manager that supplies and rotates the tokens
   * @param key the key whose tokens authenticate the calls
   * @return the integration
   * @throws IllegalArgumentException if an argument is null
   */
  public static ZoomApiAuth create(TokenManager manager, TokenKey key) {
    require(manager, "manager");
    require(key, "key");
    return new ZoomApiAuth(new BearerTokens(manager, key), Clock.system(), false);
  }

  /**
   * Returns a copy that sends each request to its token's {@code api_url} (Zoom's regional cluster,
   * such as {@code https://eu01api.zoom.us}; {@code https://api.zoom.us} when the token endpoint named
   * none) instead of the target's scheme and host. The path of the target's URL is kept: a target of
   * {@code https://api.zoom.us/v2} sends to {@code https://eu01api.zoom.us/v2}. Targets without a fixed
   * URL (a {@code URI} argument per call) are left alone. Default: false.
   *
   * @param enabled whether to use the token's {@code api_url}
   * @return the copy, sharing this one's memory of handed-out tokens
   */
  public ZoomApiAuth withTokenApiUrl(boolean enabled) {
    return new ZoomApiAuth(tokens, clock, enabled);
  }

  /**
   * Returns a copy that reads the time (the base of a delta-seconds {@code Retry-After}) from another
   * clock. Default: the system clock.
   *
   * @param value the clock
   * @return the copy
   * @throws IllegalArgumentException if the clock is null
   */
  public ZoomApiAuth withClock(Clock value) {
    require(value, "clock");
    return new ZoomApiAuth(tokens, value, useTokenApiUrl);
  }

  /** Returns whether requests go to the token's {@code api_url}; see {@link #withTokenApiUrl(boolean)}. */
  public boolean usesTokenApiUrl() {
    return useTokenApiUrl;
  }

  /** Returns the key whose tokens authenticate the calls. */
  public TokenKey key() {
    return tokens.key();
  }

  /**
   * Returns the request interceptor that sets {@code Authorization: Bearer <token>} (replacing any
   * earlier value, as on a retry) and, with {@link #withTokenApiUrl(boolean)}, the token's API base URL.
   * It throws the manager's {@link dev.tokenmanager.core.error.TokenException} when there is no valid
   * token to send.
   *
   * @return the interceptor, thread-safe
   */
  public RequestInterceptor interceptor() {
    return interceptor;
  }

  /**
   * Returns the error decoder that classifies Zoom's error responses (see the class description). It
   * reads at most 16 KiB of a body and never quotes it. It never invalidates a token itself: on 401
   * with code 124 it returns a retryable signal on which {@link #retryer()} acts, because only the
   * per-call retryer knows whether the call has been retried already. Without that retryer a 401/124
   * surfaces as a Feign {@code RetryableException} (or, with {@code UNWRAP}, as {@link
   * ZoomTokenRejectedException}) and no token is invalidated.
   *
   * @return the decoder, thread-safe
   */
  public ErrorDecoder errorDecoder() {
    return errorDecoder;
  }

  /**
   * Returns the retryer that performs the single refresh-and-retry after a 401 with code 124, and
   * propagates every other retryable error at once. Feign clones it for each call.
   *
   * @return the retryer
   */
  public Retryer retryer() {
    return retryer;
  }

  /**
   * Installs the interceptor, the error decoder, the retryer and {@link ExceptionPropagationPolicy#UNWRAP}
   * on a builder. It replaces the builder's error decoder and retryer and adds one interceptor, so call
   * it once per builder; the client, encoder, decoder, options and logger stay the caller's.
   *
   * @param builder the caller's builder
   * @return the same builder, for chaining
   * @throws IllegalArgumentException if the builder is null
   */
  public Feign.Builder configure(Feign.Builder builder) {
    require(builder, "builder");
    return builder
        .requestInterceptor(interceptor)
        .errorDecoder(errorDecoder)
        .retryer(retryer)
        .exceptionPropagationPolicy(ExceptionPropagationPolicy.UNWRAP);
  }

  /** Returns the key and the settings, never a token. */
  @Override
  public String toString() {
    return "ZoomApiAuth[" + tokens.key() + (useTokenApiUrl ? ", token api_url" : "") + "]";
  }

  private static void require(Object value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
  }
}
