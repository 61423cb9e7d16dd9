package dev.tokenmanager.app.simulate;

import dev.tokenmanager.core.RefreshPolicy;
import dev.tokenmanager.redis.RedisStoreConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How a fleet simulation runs.
 *
 * @param processes simulated processes, each with its own manager and fallback, at least 1
 * @param length simulated time, at least one minute
 * @param callersPerProcess callers in each process, at least 1
 * @param callEvery how often each caller asks for a token, in simulated time
 * @param tokenLifetime the endpoint's token lifetime
 * @param redis the shared Redis, or empty for an in-memory shared store
 * @param storeOutages windows in which the shared store is unreachable
 * @param endpointErrors windows in which the token endpoint answers an error status
 * @param seed the seed of every random draw, so runs repeat
 * @param refreshPolicy when the managers refresh
 */
public record SimulationOptions(int processes, Duration length, int callersPerProcess, Duration callEvery,
    Duration tokenLifetime, Optional<RedisStoreConfig> redis, List<FaultWindow> storeOutages,
    List<FaultWindow> endpointErrors, long seed, RefreshPolicy refreshPolicy) {

  /**
   * Validates the options.
   *
   * @throws IllegalArgumentException naming the bad option and its value
   */
  public SimulationOptions {
    if (processes < 1) {
      throw new IllegalArgumentException("--processes must be at least 1, but was " + processes);
    }
    if (length == null || length.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new IllegalArgumentException("--hours must give at least one minute, but was " + length);
    }
    if (callersPerProcess < 1) {
      throw new IllegalArgumentException("--callers must be at least 1, but was " + callersPerProcess);
    }
    if (callEvery == null || callEvery.toSeconds() < 1) {
      throw new IllegalArgumentException("--call-every must be at least 1s, but was " + callEvery);
    }
    if (tokenLifetime == null || tokenLifetime.toSeconds() < 10) {
      throw new IllegalArgumentException("--token-lifetime must be at least 10s, but was " + tokenLifetime);
    }
    redis = redis == null ? Optional.empty() : redis;
    refreshPolicy = refreshPolicy == null ? RefreshPolicy.defaults() : refreshPolicy;
    storeOutages = List.copyOf(storeOutages);
    endpointErrors = List.copyOf(endpointErrors);
  }
}
