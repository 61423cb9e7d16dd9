package dev.tokenmanager.app.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.tokenmanager.core.TokenHealth;
import dev.tokenmanager.core.error.TokenException;
import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.model.Secret;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token service's HTTP endpoints on the JDK's HTTP server: {@code /health}, {@code /health/live},
 * {@code /metrics}, {@code /token} (only with a serve key) and the status page {@code /}.
 */
public final class TokenHttpServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TokenHttpServer.class);
  private static final String JSON = "application/json; charset=utf-8";

  private final TokenService service;
  private final Optional<Secret> serveKey;
  private final HttpServer server;
  private final ExecutorService threads;
  private final ObjectMapper json = new ObjectMapper();

  private TokenHttpServer(TokenService service, Optional<Secret> serveKey, InetSocketAddress address) throws IOException {
    this.service = service;
    this.serveKey = serveKey;
    this.server = HttpServer.create(address, 64);
    this.threads = Executors.newFixedThreadPool(4, task -> {
      Thread thread = new Thread(task, "token-http");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(threads);
    server.createContext("/health/live", get(this::live));
    server.createContext("/health", get(this::health));
    server.createContext("/metrics", get(this::metrics));
    server.createContext("/token", get(this::token));
    server.createContext("/", get(this::root));
  }

  /**
   * Starts serving.
   *
   * @param service the token service
   * @param serveKey the key {@code /token} callers present, or empty to keep {@code /token} off
   * @param address where to listen
   * @return the running server
   * @throws IOException if the address cannot be bound
   */
  public static TokenHttpServer start(TokenService service, Optional<Secret> serveKey, InetSocketAddress address)
      throws IOException {
    TokenHttpServer http = new TokenHttpServer(service, serveKey, address);
    http.server.start();
    return http;
  }

  /** Returns the address it listens on (with the real port when 0 was asked). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** Stops accepting requests, lets running ones finish for up to a second, and stops its threads. */
  @Override
  public void close() {
    server.stop(1);
    threads.shutdownNow();
  }

  private void live(HttpExchange exchange) throws IOException {
    send(exchange, 200, JSON, "{\"status\":\"UP\"}");
  }

  private void health(HttpExchange exchange) throws IOException {
    ObjectNode body = json.createObjectNode();
    boolean healthy = true;
    ArrayNode keys = body.putArray("keys");
    for (Map.Entry<TokenService.Served, TokenHealth> entry : service.health().entrySet()) {
      TokenHealth h = entry.getValue();
      healthy &= h.serving();
      ObjectNode key = keys.addObject();
      key.put("account", entry.getKey().account());
      key.put("slot", entry.getKey().slot());
      key.put("key", h.key().toString());
      key.put("state", h.state().name());
      key.put("mode", h.mode().name());
      key.put("fingerprint", h.fingerprint());
      key.put("expires_at", text(h.expiresAt()));
      key.put("remaining_seconds", h.remaining().toSeconds());
      key.put("last_mint", text(h.lastMintAt()));
      if (h.lastFailureKind() != null) {
        ObjectNode failure = key.putObject("last_failure");
        failure.put("kind", h.lastFailureKind().name());
        failure.put("message", h.lastFailureMessage());
      } else {
        key.putNull("last_failure");
      }
      key.put("consecutive_failures", h.consecutiveFailures());
      key.put("next_attempt", text(h.nextAttemptAt()));
    }
    body.put("status", healthy ? "UP" : "DOWN");
    body.put("store", service.storeDescription());
    send(exchange, healthy ? 200 : 503, JSON, json.writeValueAsString(body));
  }

  private void metrics(HttpExchange exchange) throws IOException {
    send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", service.scrape());
  }

  private void token(HttpExchange exchange) throws IOException {
    if (serveKey.isEmpty()) {
      send(exchange, 404, JSON, "{\"error\":\"not_found\"}");
      return;
    }
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    String presented = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7).trim() : "";
    if (presented.isEmpty() || !serveKey.get().sameAs(Secret.of(presented))) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"token-app\"");
      send(exchange, 401, JSON, "{\"error\":\"unauthorized\"}");
      return;
    }
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    Integer slot;
    try {
      slot = query.containsKey("slot") ? Integer.valueOf(query.get("slot")) : null;
    } catch (NumberFormatException e) {
      send(exchange, 400, JSON, "{\"error\":\"invalid_slot\"}");
      return;
    }
    try {
      AccessToken token = service.token(Optional.ofNullable(query.get("account")), slot, query.get("job"));
      ObjectNode body = json.createObjectNode();
      body.put("access_token", token.value());
      body.put("token_type", token.tokenType());
      body.put("expires_at", token.expiresAt().toString());
      body.put("expires_in", Math.max(0, (token.expiresAtMillis() - service.clock().millis()) / 1000));
      body.put("scope", token.scopeText());
      body.put("api_url", token.apiUrl());
      body.put("fingerprint", token.fingerprint());
      send(exchange, 200, JSON, json.writeValueAsString(body));
    } catch (TokenService.UnknownTokenException e) {
      send(exchange, 404, JSON, "{\"error\":\"" + e.error() + "\"}");
    } catch (TokenException e) {
      ObjectNode body = json.createObjectNode();
      body.put("error", "token_unavailable");
      body.put("kind", e.kind().name());
      body.put("retryable", e.isRetryable());
      body.put("message", e.getMessage());
      send(exchange, 503, JSON, json.writeValueAsString(body));
    }
  }

  private void root(HttpExchange exchange) throws IOException {
    if (!exchange.getRequestURI().getPath().equals("/")) {
      send(exchange, 404, JSON, "{\"error\":\"not_found\"}");
      return;
    }
    send(exchange, 200, "text/html; charset=utf-8", StatusPage.render(service));
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> result = new HashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          result.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return result;
  }

  private HttpHandler get(Endpoint endpoint) {
    return exchange -> {
      try (exchange) {
        // Token answers and the status page must never sit in a proxy or browser cache.
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("Pragma", "no-cache");
        if (!"GET".equals(exchange.getRequestMethod())) {
          exchange.getResponseHeaders().set("Allow", "GET");
          send(exchange, 405, JSON, "{\"error\":\"method_not_allowed\"}");
          return;
        }
        endpoint.handle(exchange);
      } catch (IOException | RuntimeException e) {
        LOG.warn("{} {} failed: {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e.toString());
      }
    };
  }

  private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @FunctionalInterface
  private interface Endpoint {
    void handle(HttpExchange exchange) throws IOException;
  }
}
