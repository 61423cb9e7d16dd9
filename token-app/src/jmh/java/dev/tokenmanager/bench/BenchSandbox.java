package dev.tokenmanager.bench;

import dev.tokenmanager.app.sandbox.SandboxSettings;
import dev.tokenmanager.app.sandbox.ZoomSandbox;
import dev.tokenmanager.core.model.Secret;
import dev.tokenmanager.core.model.TokenKey;
import dev.tokenmanager.core.port.Clock;
import dev.tokenmanager.zoom.ZoomConfig;
import dev.tokenmanager.zoom.ZoomCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.UUID;

/**
 * The Zoom-like sandbox every benchmark mints from, on the wall clock, with an account of its own (so
 * Redis keys of one run never meet another's) and enough threads that concurrent requests all see the
 * configured latency instead of queueing.
 */
final class BenchSandbox implements AutoCloseable {

  /** Requests the sandbox serves at once: more than the largest fleet sends together. */
  private static final int THREADS = 256;

  final ZoomSandbox sandbox;
  final ZoomCredentials credentials;
  final ZoomConfig zoom;
  final TokenKey key;

  private BenchSandbox(ZoomSandbox sandbox) {
    this.sandbox = sandbox;
    SandboxSettings settings = sandbox.settings();
    this.credentials = new ZoomCredentials(settings.accountId(), settings.clientId(), settings.clientSecret());
    String base = sandbox.baseUrl().toString();
    this.zoom = ZoomConfig.of(base).withDefaultApiUrl(base);
    this.key = zoom.keyFor(credentials);
  }

  /**
   * Starts a sandbox on a free port.
   *
   * @param lifetime the {@code expires_in} of its tokens
   * @param latency how long each token request takes
   * @return the running sandbox
   */
  static BenchSandbox start(Duration lifetime, Duration latency) {
    String account = "bench-" + UUID.randomUUID();
    SandboxSettings settings = new SandboxSettings(account, "bench-client", Secret.of(UUID.randomUUID().toString()),
        lifetime, latency, 0, THREADS);
    try {
      return new BenchSandbox(ZoomSandbox.start(settings, Clock.system()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the sandbox", e);
    }
  }

  /** Returns the account id, unique to this sandbox. */
  String accountId() {
    return credentials.accountId();
  }

  @Override
  public void close() {
    sandbox.close();
  }
}
