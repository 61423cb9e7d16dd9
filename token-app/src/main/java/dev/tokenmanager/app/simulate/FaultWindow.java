package dev.tokenmanager.app.simulate;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fault injected into a simulation for a while: {@code 10m@3h} (a store outage of 10 minutes
 * starting 3 hours in) or {@code 503:15m@5h} (the token endpoint answering HTTP 503 for 15 minutes
 * from 5 hours in).
 *
 * @param status the HTTP status the endpoint answers with, or 0 for a store outage
 * @param start when the fault starts, from the beginning of the simulation
 * @param length how long it lasts
 */
public record FaultWindow(int status, Duration start, Duration length) {

  private static final Pattern FORM = Pattern.compile("(?:(\\d{3}):)?(\\d+)(ms|s|m|h)@(\\d+)(ms|s|m|h)");

  /**
   * Validates the window.
   *
   * @throws IllegalArgumentException if a part is missing or negative, or the status is not 4xx/5xx
   */
  public FaultWindow {
    if (start == null || length == null || start.isNegative() || length.isNegative() || length.isZero()) {
      throw new IllegalArgumentException("a fault needs a positive length and a start not before 0, but was "
          + length + "@" + start);
    }
    if (status != 0 && (status < 400 || status > 599)) {
      throw new IllegalArgumentException("a fault's status must be 4xx or 5xx, but was " + status);
    }
  }

  /**
   * Parses {@code [status:]length@start}, with units ms, s, m or h.
   *
   * @param text the text, such as {@code 10m@3h} or {@code 503:15m@5h}
   * @param option the option it came from, for the error message
   * @return the window
   * @throws IllegalArgumentException naming the option and the text if it does not parse
   */
  public static FaultWindow parse(String text, String option) {
    Matcher m = FORM.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(option + " must look like 10m@3h or 503:15m@5h, but was '" + text + "'");
    }
    int status = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
    return new FaultWindow(status, duration(m.group(4), m.group(5)), duration(m.group(2), m.group(3)));
  }

  /** Returns whether the fault is on at a time since the beginning of the simulation. */
  public boolean covers(long elapsedMillis) {
    return elapsedMillis >= start.toMillis() && elapsedMillis < start.toMillis() + length.toMillis();
  }

  @Override
  public String toString() {
    return (status == 0 ? "" : status + ":") + shortForm(length) + "@" + shortForm(start);
  }

  /** Writes a duration as {@code 3h}, {@code 10m}, {@code 30s} or {@code 500ms}. */
  static String shortForm(Duration d) {
    long ms = d.toMillis();
    if (ms % 3_600_000 == 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }

  private static Duration duration(String amount, String unit) {
    long value = Long.parseLong(amount);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(value);
      case "s" -> Duration.ofSeconds(value);
      case "m" -> Duration.ofMinutes(value);
      default -> Duration.ofHours(value);
    };
  }
}
