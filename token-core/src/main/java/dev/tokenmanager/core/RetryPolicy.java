package dev.tokenmanager.core;

import java.time.Duration;

/**
 * How the manager spaces mint attempts after a failure: exponential backoff with full jitter
 * (attempt {@code n} waits a uniform draw in {@code [0, min(max, initial * 2^(n-1))]}), never earlier
 * than a rate limit's {@code Retry-After}; after rejected credentials or configuration, one attempt
 * per {@code rejectedCooldown} at most, and none in the background.
 *
 * @param initialBackoff the bound of the first wait
 * @param maxBackoff the cap of every wait
 * @param rejectedCooldown the wait after the server rejected the credentials or the configuration
 */
public record RetryPolicy(Duration initialBackoff, Duration maxBackoff, Duration rejectedCooldown) {

  /**
   * Validates the policy.
   *
   * @throws IllegalArgumentException unless {@code 0 < initialBackoff <= maxBackoff} and the cooldown is positive
   */
  public RetryPolicy {
    if (initialBackoff == null || initialBackoff.isNegative() || initialBackoff.isZero()) {
      throw new IllegalArgumentException("initialBackoff must be greater than 0, but was " + initialBackoff);
    }
    if (maxBackoff == null || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "maxBackoff must be at least initialBackoff (" + initialBackoff + "), but was " + maxBackoff);
    }
    if (rejectedCooldown == null || rejectedCooldown.isNegative() || rejectedCooldown.isZero()) {
      throw new IllegalArgumentException("rejectedCooldown must be greater than 0, but was " + rejectedCooldown);
    }
  }

  /**
   * Returns the defaults: first wait up to 1 s, doubling to a cap of 60 s; 5 minutes after rejection.
   *
   * @return the default policy
   */
  public static RetryPolicy defaults() {
    return new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(5));
  }

  /**
   * Returns this policy with another cap.
   *
   * @param newMax the cap of every wait
   * @return the new policy
   */
  public RetryPolicy withMaxBackoff(Duration newMax) {
    return new RetryPolicy(initialBackoff, newMax, rejectedCooldown);
  }

  /**
   * Returns this policy with another first wait.
   *
   * @param newInitial the bound of the first wait
   * @return the new policy
   */
  public RetryPolicy withInitialBackoff(Duration newInitial) {
    return new RetryPolicy(newInitial, maxBackoff, rejectedCooldown);
  }

  /**
   * Returns this policy with another cooldown after rejection.
   *
   * @param newCooldown the wait after rejected credentials or configuration
   * @return the new policy
   */
  public RetryPolicy withRejectedCooldown(Duration newCooldown) {
    return new RetryPolicy(initialBackoff, maxBackoff, newCooldown);
  }

  /** Returns the upper bound of the wait before attempt {@code failures + 1}, in milliseconds. */
  long ceilingMillis(int failures) {
    int doublings = Math.min(Math.max(failures - 1, 0), 30);
    long ceiling = initialBackoff.toMillis() << doublings;
    return ceiling <= 0 || ceiling > maxBackoff.toMillis() ? maxBackoff.toMillis() : ceiling;
  }
}
