package dev.tokenmanager.app.sandbox;

import dev.tokenmanager.core.model.Secret;
import java.time.Duration;
import java.util.UUID;

/**
 * How a {@link ZoomSandbox} runs.
 *
 * @param accountId the only account it knows
 * @param clientId the only client id it accepts
 * @param clientSecret that client's secret
 * @param tokenLifetime the {@code expires_in} of its tokens, whole seconds, at least 1 s
 * @param tokenLatency how long each token request takes
 * @param port the port on 127.0.0.1, 0 for any free port
 * @param threads how many requests it serves at once
 */
public record SandboxSettings(String accountId, String clientId, Secret clientSecret, Duration tokenLifetime,
    Duration tokenLatency, int port, int threads) {

  /**
   * Validates the settings.
   *
   * @throws IllegalArgumentException naming the bad setting
   */
  public SandboxSettings {
    if (accountId == null || accountId.isBlank() || clientId == null || clientId.isBlank() || clientSecret == null) {
      throw new IllegalArgumentException("accountId, clientId and clientSecret are required");
    }
    if (tokenLifetime == null || tokenLifetime.toSeconds() < 1) {
      throw new IllegalArgumentException("tokenLifetime must be at least 1 s, but was " + tokenLifetime);
    }
    if (tokenLatency == null || tokenLatency.isNegative()) {
      throw new IllegalArgumentException("tokenLatency must not be negative, but was " + tokenLatency);
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, but was " + port);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, but was " + threads);
    }
  }

  /**
   * Returns sandbox settings with fresh random credentials, 20-second tokens, no latency, any free port.
   *
   * @return the settings
   */
  public static SandboxSettings defaults() {
    return new SandboxSettings("sandbox-account", "sandbox-client", Secret.of(UUID.randomUUID().toString()),
        Duration.ofSeconds(20), Duration.ZERO, 0, 16);
  }

  /**
   * Returns these settings with another token lifetime.
   *
   * @param lifetime the lifetime
   * @return the new settings
   */
  public SandboxSettings withTokenLifetime(Duration lifetime) {
    return new SandboxSettings(accountId, clientId, clientSecret, lifetime, tokenLatency, port, threads);
  }

  /**
   * Returns these settings with another token latency.
   *
   * @param latency the latency
   * @return the new settings
   */
  public SandboxSettings withTokenLatency(Duration latency) {
    return new SandboxSettings(accountId, clientId, clientSecret, tokenLifetime, latency, port, threads);
  }

  /**
   * Returns these settings with other credentials.
   *
   * @param account the account id
   * @param client the client id
   * @param secret the client secret
   * @return the new settings
   */
  public SandboxSettings withCredentials(String account, String client, Secret secret) {
    return new SandboxSettings(account, client, secret, tokenLifetime, tokenLatency, port, threads);
  }

  /**
   * Returns these settings on another port.
   *
   * @param newPort the port, 0 for any free port
   * @return the new settings
   */
  public SandboxSettings withPort(int newPort) {
    return new SandboxSettings(accountId, clientId, clientSecret, tokenLifetime, tokenLatency, newPort, threads);
  }
}
