package dev.tokenmanager.core.model;

import java.util.Objects;

/**
 * A secret value, such as an OAuth client secret, that never reaches text.
 *
 * <p>{@link #toString()} is redacted, so a secret can sit inside configuration records, exception
 * messages and logs without leaking. Only {@link #reveal()} gives the value, and only code that puts
 * it on the wire should call it.
 */
public final class Secret {

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /**
   * Wraps a secret value.
   *
   * @param value the secret; must not be null or blank
   * @return the wrapped secret
   * @throws IllegalArgumentException if the value is null or blank (the message never shows it)
   */
  public static Secret of(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("secret must not be blank");
    }
    return new Secret(value);
  }

  /**
   * Returns the secret value itself.
   *
   * @return the value, for the one place that sends it
   */
  public String reveal() {
    return value;
  }

  /**
   * Compares two secrets in constant time.
   *
   * @param other another secret, may be null
   * @return whether both hold the same value
   */
  public boolean sameAs(Secret other) {
    return other != null
        && java.security.MessageDigest.isEqual(
            value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
            other.value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret other && sameAs(other);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Secret.class);
  }

  /** Returns a redacted text that never contains the value. */
  @Override
  public String toString() {
    return "Secret[redacted]";
  }
}
