package dev.tokenmanager.app.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tokenmanager.core.model.Secret;
import dev.tokenmanager.core.port.Clock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A Zoom-like sandbox on 127.0.0.1: {@code POST /oauth/token} mints short-lived tokens for one set of
 * Server-to-Server credentials, answering errors the way Zoom does, and {@code GET /v2/users/me}
 * accepts only tokens it minted that have not expired (401 with code 124 otherwise). Tests switch its
 * behaviour at run time: token latency, and a failure answer for the token endpoint.
 */
public final class ZoomSandbox implements AutoCloseable {

  private final SandboxSettings settings;
  private final Clock clock;
  private final HttpServer server;
  private final ExecutorService threads;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Long> liveTokens = new ConcurrentHashMap<>();
  private final AtomicInteger tokenRequests = new AtomicInteger();
  private final AtomicInteger mints = new AtomicInteger();
  private final AtomicInteger apiCalls = new AtomicInteger();
  private final AtomicInteger apiRejected = new AtomicInteger();
  private final AtomicReference<Duration> latency;
  private final AtomicReference<CannedAnswer> failure = new AtomicReference<>();

  private ZoomSandbox(SandboxSettings settings, Clock clock) throws IOException {
    this.settings = settings;
    this.clock = clock;
    this.latency = new AtomicReference<>(settings.tokenLatency());
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()), 200);
    this.threads = Executors.newFixedThreadPool(settings.threads(), task -> {
      Thread thread = new Thread(task, "zoom-sandbox");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(threads);
    server.createContext("/oauth/token", this::handleToken);
    server.createContext("/v2/users/me", this::handleMe);
    server.createContext("/", exchange -> respond(exchange, 404, "{\"code\":404,\"message\":\"Not found\"}"));
  }

  /**
   * Starts a sandbox.
   *
   * @param settings its credentials, token lifetime, port and latency
   * @param clock the clock that dates its tokens
   * @return the running sandbox
   * @throws IOException if the port cannot be bound
   */
  public static ZoomSandbox start(SandboxSettings settings, Clock clock) throws IOException {
    ZoomSandbox sandbox = new ZoomSandbox(Objects.requireNonNull(settings), Objects.requireNonNull(clock));
    sandbox.server.start();
    return sandbox;
  }

  /** Returns the base URL, such as {@code http://127.0.0.1:41234}: the OAuth URL and the API URL. */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Returns the settings it runs with. */
  public SandboxSettings settings() {
    return settings;
  }

  /** Returns how many token requests arrived, answered or failed. */
  public int tokenRequests() {
    return tokenRequests.get();
  }

  /** Returns how many tokens it minted. */
  public int mints() {
    return mints.get();
  }

  /** Returns how many API calls arrived. */
  public int apiCalls() {
    return apiCalls.get();
  }

  /** Returns how many API calls it rejected with 401 / code 124. */
  public int apiRejected() {
    return apiRejected.get();
  }

  /**
   * Sets the time each token request takes before it is answered.
   *
   * @param delay the latency
   */
  public void tokenLatency(Duration delay) {
    latency.set(Objects.requireNonNull(delay));
  }

  /**
   * Makes the token endpoint answer every request with a canned failure until {@link #recover()}.
   *
   * @param status the HTTP status
   * @param contentType the content type of the body
   * @param body the body
   */
  public void failTokenRequests(int status, String contentType, String body) {
    failure.set(new CannedAnswer(status, contentType, body));
  }

  /** Makes the token endpoint mint tokens again. */
  public void recover() {
    failure.set(null);
  }

  /**
   * Tells whether a token is one this sandbox minted and has not yet expired.
   *
   * @param token the token value
   * @return whether the API would accept it now
   */
  public boolean accepts(String token) {
    Long expires = liveTokens.get(token);
    return expires != null && expires > clock.millis();
  }

  /**
   * Returns every token value this sandbox minted that has not been swept yet (tests scan logs for them).
   *
   * @return the token values
   */
  public java.util.Set<String> issuedTokens() {
    return java.util.Set.copyOf(liveTokens.keySet());
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  private void handleToken(HttpExchange exchange) throws IOException {
    try (exchange) {
      tokenRequests.incrementAndGet();
      pause(latency.get());
      CannedAnswer canned = failure.get();
      if (canned != null) {
        respond(exchange, canned.status, canned.contentType, canned.body);
        return;
      }
      if (!"POST".equals(exchange.getRequestMethod())) {
        respond(exchange, 400, oauthError("Bad Request", "invalid_request"));
        return;
      }
      if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
        respond(exchange, 401, oauthError("Invalid client_id or client_secret", "invalid_client"));
        return;
      }
      Map<String, String> form = parseForm(exchange.getRequestBody());
      if (!"account_credentials".equals(form.get("grant_type"))) {
        respond(exchange, 400, oauthError("unsupported grant type", "unsupported_grant_type"));
        return;
      }
      if (!settings.accountId().equals(form.get("account_id"))) {
        respond(exchange, 400, oauthError("Bad Request", "invalid_request"));
        return;
      }
      long lifetime = settings.tokenLifetime().toSeconds();
      String token = newToken();
      liveTokens.put(token, clock.millis() + lifetime * 1000);
      mints.incrementAndGet();
      sweep();
      respond(exchange, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"expires_in\":" + lifetime
          + ",\"scope\":\"user:read:admin meeting:read:admin\",\"api_url\":\"" + baseUrl() + "\"}");
    }
  }

  private void handleMe(HttpExchange exchange) throws IOException {
    try (exchange) {
      apiCalls.incrementAndGet();
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : "";
      Long expires = liveTokens.get(token);
      if (expires == null || expires <= clock.millis()) {
        apiRejected.incrementAndGet();
        String message = expires == null ? "Invalid access token." : "Access token is expired.";
        respond(exchange, 401, "{\"code\":124,\"message\":\"" + message + "\"}");
        return;
      }
      respond(exchange, 200, "{\"id\":\"sandbox-user\",\"email\":\"sandbox@example.invalid\",\"account_id\":\""
          + settings.accountId() + "\"}");
    }
  }

  private boolean authorized(String header) {
    if (header == null || !header.startsWith("Basic ")) {
      return false;
    }
    String expected = settings.clientId() + ":" + settings.clientSecret().reveal();
    String given;
    try {
      given = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return Secret.of(expected).sameAs(given.isEmpty() ? null : Secret.of(given));
  }

  private String newToken() {
    byte[] bytes = new byte[48];
    random.nextBytes(bytes);
    return "sbx." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private void sweep() {
    if (liveTokens.size() > 10_000) {
      long now = clock.millis();
      liveTokens.values().removeIf(expires -> expires <= now);
    }
  }

  private static void pause(Duration delay) {
    if (!delay.isZero()) {
      try {
        Thread.sleep(delay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static Map<String, String> parseForm(InputStream body) throws IOException {
    Map<String, String> form = new HashMap<>();
    String text = new String(body.readNBytes(8192), StandardCharsets.UTF_8);
    for (String pair : text.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }

  private static String oauthError(String reason, String error) {
    return "{\"reason\":\"" + reason + "\",\"error\":\"" + error + "\"}";
  }

  private static void respond(HttpExchange exchange, int status, String json) throws IOException {
    respond(exchange, status, "application/json;charset=UTF-8", json);
  }

  private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private record CannedAnswer(int status, String contentType, String body) {}
}
