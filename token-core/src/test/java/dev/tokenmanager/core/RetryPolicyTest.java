package dev.tokenmanager.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void ceiling_doublesFromOneSecondUpToTheCap() {
    RetryPolicy policy = RetryPolicy.defaults();

    assertThat(policy.ceilingMillis(1)).isEqualTo(1_000);
    assertThat(policy.ceilingMillis(2)).isEqualTo(2_000);
    assertThat(policy.ceilingMillis(6)).isEqualTo(32_000);
    assertThat(policy.ceilingMillis(7)).isEqualTo(60_000);
    assertThat(policy.ceilingMillis(500)).isEqualTo(60_000);
  }

  @Test
  void constructor_capBelowInitial_isRejectedNamingBoth() {
    assertThatThrownBy(() -> RetryPolicy.defaults().withMaxBackoff(Duration.ofMillis(10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxBackoff must be at least initialBackoff (PT1S), but was PT0.01S");
  }
}
