package dev.tokenmanager.zoom;

import dev.tokenmanager.core.error.UpstreamUnavailableException;
import dev.tokenmanager.core.model.TokenKey;
import feign.Feign;
import feign.FeignException;
import feign.Logger;
import feign.Request;
import feign.Response;
import feign.Retryer;
import feign.http2client.Http2Client;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends one token request through Feign and the JDK HTTP client and returns the raw answer.
 *
 * <p>Feign is set up so that it can never send a request twice: {@link Retryer#NEVER_RETRY}, no
 * redirects, and the JDK client (unlike {@code HttpURLConnection}, it never silently resends a POST).
 * Logging stays at {@code BASIC}: the request and status lines, never headers or bodies. Transport
 * failures become {@link UpstreamUnavailableException}s whose messages name the failure and the
 * timeout, never the URL's credentials or a header.
 */
final class TokenEndpoint implements AutoCloseable {

  private final ZoomConfig config;
  private final ExecutorService executor;
  private final ZoomOAuthApi api;

  /**
   * Builds the Feign client for a configuration.
   *
   * @param config the base URL and timeouts
   */
  TokenEndpoint(ZoomConfig config) {
    this.config = config;
    AtomicInteger threads = new AtomicInteger();
    this.executor = Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(task, "zoom-token-http-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    // HTTP/1.1: one request an hour gains nothing from HTTP/2, and h2c upgrades of a POST are fragile.
    HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(config.connectTimeout())
        .executor(executor)
        .build();
    this.api = Feign.builder()
        .client(new Http2Client(http))
        .options(new Request.Options(config.connectTimeout(), config.readTimeout(), false))
        .retryer(Retryer.NEVER_RETRY)
        // A method returning Response gets every status back without the error decoder.
        .errorDecoder((method, response) -> new IllegalStateException("Feign's error decoder must not be reached"))
        .logger(new AuthorizationFilteringLogger())
        .logLevel(Logger.Level.BASIC)
        .target(ZoomOAuthApi.class, config.baseUrl().toString());
  }

  /**
   * Sends the token request for a set of credentials.
   *
   * @param key the key being minted, for error messages
   * @param credentials the credentials to send
   * @return the answer, whatever its status
   * @throws UpstreamUnavailableException if no answer arrived (timeout, refused or reset connection)
   */
  EndpointAnswer exchange(TokenKey key, ZoomCredentials credentials) {
    String form = "grant_type=account_credentials&account_id="
        + URLEncoder.encode(credentials.accountId(), StandardCharsets.UTF_8);
    try (Response response = api.requestToken(basicAuthorization(credentials), form)) {
      return read(response);
    } catch (FeignException e) {
      // Keep the I/O cause only: a FeignException carries the request, headers included.
      IOException cause = e.getCause() instanceof IOException io ? io : null;
      throw new UpstreamUnavailableException(key, "token endpoint unreachable: " + describe(cause), cause);
    } catch (IOException e) {
      throw new UpstreamUnavailableException(key, "token endpoint unreachable: " + describe(e), e);
    }
  }

  /** Shuts the HTTP client's worker threads down; requests in flight may fail. */
  @Override
  public void close() {
    executor.shutdown();
  }

  private static String basicAuthorization(ZoomCredentials credentials) {
    String pair = credentials.clientId() + ":" + credentials.clientSecret().reveal();
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  private static EndpointAnswer read(Response response) throws IOException {
    byte[] body = new byte[0];
    boolean truncated = false;
    if (response.body() != null) {
      try (InputStream in = response.body().asInputStream()) {
        byte[] read = in.readNBytes(EndpointAnswer.MAX_BODY_BYTES + 1);
        truncated = read.length > EndpointAnswer.MAX_BODY_BYTES;
        body = truncated ? Arrays.copyOf(read, EndpointAnswer.MAX_BODY_BYTES) : read;
      }
    }
    String contentType = header(response, "Content-Type");
    int semicolon = contentType == null ? -1 : contentType.indexOf(';');
    contentType = contentType == null ? "" : (semicolon >= 0 ? contentType.substring(0, semicolon) : contentType);
    return new EndpointAnswer(response.status(), contentType.strip().toLowerCase(Locale.ROOT),
        header(response, "Retry-After"), header(response, "X-RateLimit-Type"), body, truncated);
  }

  private static String header(Response response, String name) {
    Collection<String> values = response.headers().get(name);
    return values == null || values.isEmpty() ? null : values.iterator().next();
  }

  private String describe(IOException e) {
    return TransportFailure.describe(e, config.connectTimeout(), config.readTimeout());
  }
}
