package dev.tokenmanager.zoom;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * Parses an HTTP {@code Retry-After} value in the three forms Zoom and HTTP use: delta-seconds
 * ({@code 120}), an RFC 1123 date ({@code Wed, 01 Jan 2030 00:00:00 GMT}) and an ISO-8601 instant
 * ({@code 2030-01-01T00:00:00Z}, which Zoom sends on a daily-limit 429 and Feign's own parser drops).
 *
 * <p>Public so that the Feign integration for Zoom's REST API ({@code dev.tokenmanager.zoom.api}) reads
 * a 429 of the API exactly as this adapter reads a 429 of the token endpoint. Pure JDK: no vendor type
 * in its signature.
 */
public final class RetryAfter {

  /** Delta-seconds of more digits than this (over 11 days) are not believed; the value is ignored. */
  private static final int MAX_DIGITS = 6;

  private static final List<DateTimeFormatter> DATE_FORMATS =
      List.of(DateTimeFormatter.RFC_1123_DATE_TIME, DateTimeFormatter.ISO_OFFSET_DATE_TIME);

  private RetryAfter() {}

  /**
   * Returns when a retry is allowed.
   *
   * @param value the header value, may be null
   * @param now the current time, the base of delta-seconds
   * @return the instant, or empty if the value is absent or in none of the three forms
   * @throws NullPointerException if {@code now} is null and the value is delta-seconds
   */
  public static Optional<Instant> parse(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String text = value.strip();
    if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return text.length() > MAX_DIGITS ? Optional.empty() : Optional.of(now.plusSeconds(Long.parseLong(text)));
    }
    for (DateTimeFormatter format : DATE_FORMATS) {
      try {
        return Optional.of(format.parse(text, Instant::from));
      } catch (DateTimeException e) {
        // not this form; try the next
      }
    }
    return Optional.empty();
  }
}
