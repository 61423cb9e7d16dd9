package dev.tokenmanager.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mints a token from the sandbox with the JDK's HTTP client, the way the seed sample and a
 * hand-written google-auth subclass would: one {@code POST /oauth/token} per call, no retry. Used by
 * the baseline and the peer, never by Token Manager (which mints through its own Zoom adapter).
 */
final class SandboxMinter {

  private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern EXPIRES_IN = Pattern.compile("\"expires_in\"\\s*:\\s*(\\d+)");

  /** A minted token: its value, its {@code expires_in} and when its request was sent. */
  record Minted(String value, long expiresInSeconds, long sentAtMillis) {
    long expiresAtMillis() {
      return sentAtMillis + expiresInSeconds * 1000;
    }
  }

  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(1))
      .build();
  private final URI tokenUri;
  private final String authorization;
  private final String form;
  private final MintLog log;

  SandboxMinter(BenchSandbox sandbox, MintLog log) {
    this.tokenUri = URI.create(sandbox.sandbox.baseUrl() + "/oauth/token");
    String pair = sandbox.credentials.clientId() + ":" + sandbox.credentials.clientSecret().reveal();
    this.authorization = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    this.form = "grant_type=account_credentials&account_id="
        + URLEncoder.encode(sandbox.accountId(), StandardCharsets.UTF_8);
    this.log = log;
  }

  /**
   * Asks the sandbox for a new token.
   *
   * @return the token
   * @throws IOException if the request fails or the answer is not a token
   */
  Minted mint() throws IOException {
    long sent = System.currentTimeMillis();
    log.started();
    HttpRequest request = HttpRequest.newBuilder(tokenUri)
        .timeout(Duration.ofSeconds(3))
        .header("Authorization", authorization)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form))
        .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while minting", e);
    } finally {
      log.finished();
    }
    if (response.statusCode() != 200) {
      throw new IOException("token endpoint answered HTTP " + response.statusCode());
    }
    Matcher token = ACCESS_TOKEN.matcher(response.body());
    Matcher expires = EXPIRES_IN.matcher(response.body());
    if (!token.find() || !expires.find()) {
      throw new IOException("token endpoint answered without access_token or expires_in");
    }
    return new Minted(token.group(1), Long.parseLong(expires.group(1)), sent);
  }
}
