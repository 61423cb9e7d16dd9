package dev.tokenmanager.core;

import static dev.tokenmanager.core.testing.TokenBuilder.aToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmanager.core.model.AccessToken;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RefreshPolicyTest {

  private final RefreshPolicy policy = RefreshPolicy.defaults();

  @Test
  void refreshAt_oneHourToken_fallsInsideTheWindowTenToFiveMinutesBeforeExpiry() {
    AccessToken token = aToken().lifetime(Duration.ofHours(1)).build();
    long expires = token.expiresAtMillis();

    assertThat(policy.refreshAt(token, 0.0)).isEqualTo(expires - Duration.ofMinutes(10).toMillis());
    assertThat(policy.refreshAt(token, 0.5)).isEqualTo(expires - Duration.ofMillis(450_000).toMillis());
    assertThat(policy.refreshAt(token, 0.999_999)).isBetween(expires - 300_001, expires - 300_000 + 1);
  }

  @Test
  void hardDeadline_oneHourToken_isSixtySecondsBeforeExpiry() {
    AccessToken token = aToken().lifetime(Duration.ofSeconds(3599)).build();

    assertThat(policy.hardDeadline(token)).isEqualTo(token.expiresAtMillis() - 60_000);
  }

  @Test
  void refreshAt_twentySecondToken_fallsBetweenHalfAndThreeQuartersOfItsLife() {
    AccessToken token = aToken().lifetime(Duration.ofSeconds(20)).build();
    long issued = token.issuedAt().toEpochMilli();

    assertThat(policy.refreshAt(token, 0.0)).isEqualTo(issued + 10_000);
    assertThat(policy.refreshAt(token, 0.999_999)).isBetween(issued + 14_999, issued + 15_000);
  }

  @Test
  void hardDeadline_twentySecondToken_leavesATenthOfItsLife() {
    AccessToken token = aToken().lifetime(Duration.ofSeconds(20)).build();

    assertThat(policy.hardDeadline(token)).isEqualTo(token.expiresAtMillis() - 2_000);
    assertThat(policy.refreshAt(token, 0.999_999)).isLessThan(policy.hardDeadline(token));
  }

  @Test
  void refreshAt_lifeJustLongerThanTheWindow_usesTheWindow() {
    AccessToken token = aToken().lifetime(Duration.ofMinutes(11)).build();

    assertThat(policy.refreshAt(token, 0.0)).isEqualTo(token.issuedAt().toEpochMilli() + 60_000);
  }

  @Test
  void constructor_windowEndNotAboveMinRemaining_isRejectedNamingTheValue() {
    assertThatThrownBy(() -> policy.withWindow(Duration.ofMinutes(10), Duration.ofSeconds(30)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("windowEnd must be greater than minRemaining (PT1M), but was PT30S");
  }

  @Test
  void constructor_windowStartNotAboveWindowEnd_isRejected() {
    assertThatThrownBy(() -> policy.withWindow(Duration.ofMinutes(5), Duration.ofMinutes(5)))
        .hasMessageContaining("windowStart must be greater than windowEnd");
  }

  @Test
  void constructor_zeroMinRemaining_isRejected() {
    assertThatThrownBy(() -> policy.withMinRemaining(Duration.ZERO))
        .hasMessageContaining("minRemaining must be greater than 0, but was PT0S");
  }
}
