package dev.tokenmanager.zoom.api;

import dev.tokenmanager.core.TokenManager;
import dev.tokenmanager.core.model.TokenKey;
import dev.tokenmanager.core.testing.InMemoryTokenStore;
import dev.tokenmanager.core.testing.ManualClock;
import dev.tokenmanager.core.testing.ScriptedTokenSource;
import dev.tokenmanager.core.testing.TokenBuilder;
import feign.Request;
import feign.Response;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A real token manager on a manual clock with a scripted source, and Feign requests and responses to feed it. */
final class ApiFixtures {

  static final TokenKey KEY = TokenBuilder.aKey();

  final ManualClock clock = ManualClock.create();
  final ScriptedTokenSource source = new ScriptedTokenSource(clock);
  final TokenManager manager = TokenManager.builder(source, new InMemoryTokenStore(clock))
      .key(KEY).clock(clock).executor(Runnable::run).build();
  final BearerTokens tokens = new BearerTokens(manager, KEY);

  /** Returns a GET request that carried the given Authorization header value (none if null). */
  static Request request(String authorization) {
    Map<String, Collection<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (authorization != null) {
      headers.put("Authorization", List.of(authorization));
    }
    return Request.create(Request.HttpMethod.GET, "https://api.zoom.us/v2/users/me", headers, null,
        StandardCharsets.UTF_8, null);
  }

  /** Returns a response to a request, with a body and headers given as name, value pairs. */
  static Response response(Request request, int status, String body, String... headerPairs) {
    Map<String, Collection<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 0; i < headerPairs.length; i += 2) {
      headers.put(headerPairs[i], List.of(headerPairs[i + 1]));
    }
    Response.Builder builder = Response.builder().status(status).reason("x").request(request).headers(headers);
    if (body != null) {
      builder.body(body, StandardCharsets.UTF_8);
    }
    return builder.build();
  }
}
