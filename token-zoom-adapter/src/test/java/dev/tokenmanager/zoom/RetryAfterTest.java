package dev.tokenmanager.zoom;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void parse_deltaSeconds_isCountedFromNow() {
    assertThat(RetryAfter.parse("20", NOW)).contains(NOW.plusSeconds(20));
  }

  @Test
  void parse_zeroSeconds_isNow() {
    assertThat(RetryAfter.parse("0", NOW)).contains(NOW);
  }

  @Test
  void parse_deltaSecondsWithSurroundingSpace_isAccepted() {
    assertThat(RetryAfter.parse("  120 ", NOW)).contains(NOW.plusSeconds(120));
  }

  @Test
  void parse_rfc1123Date_isThatInstant() {
    assertThat(RetryAfter.parse("Tue, 01 Jan 2030 00:00:00 GMT", NOW))
        .contains(Instant.parse("2030-01-01T00:00:00Z"));
  }

  @Test
  void parse_iso8601InstantInUtc_isThatInstant() {
    assertThat(RetryAfter.parse("2030-01-01T00:00:00Z", NOW)).contains(Instant.parse("2030-01-01T00:00:00Z"));
  }

  @Test
  void parse_iso8601WithOffset_isConvertedToUtc() {
    assertThat(RetryAfter.parse("2030-01-01T02:00:00+02:00", NOW))
        .contains(Instant.parse("2030-01-01T00:00:00Z"));
  }

  @Test
  void parse_iso8601WithFraction_isThatInstant() {
    assertThat(RetryAfter.parse("2030-01-01T00:00:00.500Z", NOW))
        .contains(Instant.parse("2030-01-01T00:00:00.500Z"));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {
    "", "   ", "soon", "-5", "1.5", "20s", "9999999", "99999999999999999999999",
    "2030-01-01T00:00:00", "2030-01-01", "Mon, 01 Jan 2030 00:00:00 GMT", "Tue, 01 Jan 2030"
  })
  void parse_garbage_isEmpty(String value) {
    assertThat(RetryAfter.parse(value, NOW)).isEmpty();
  }
}
