package dev.tokenmanager.app.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FaultWindowTest {

  @Test
  void parse_storeOutage_hasNoStatus() {
    FaultWindow window = FaultWindow.parse("10m@3h", "--redis-outage");

    assertThat(window).isEqualTo(new FaultWindow(0, Duration.ofHours(3), Duration.ofMinutes(10)));
    assertThat(window.covers(Duration.ofHours(3).toMillis())).isTrue();
    assertThat(window.covers(Duration.ofHours(3).plusMinutes(10).toMillis())).isFalse();
    assertThat(window).hasToString("10m@3h");
  }

  @Test
  void parse_endpointErrors_keepsTheStatus() {
    assertThat(FaultWindow.parse("503:15m@5h", "--endpoint-errors"))
        .isEqualTo(new FaultWindow(503, Duration.ofHours(5), Duration.ofMinutes(15)));
  }

  @Test
  void parse_garbage_namesTheOptionAndTheText() {
    assertThatThrownBy(() -> FaultWindow.parse("3h", "--redis-outage"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--redis-outage must look like 10m@3h or 503:15m@5h, but was '3h'");
  }

  @Test
  void constructor_statusNotAnError_isRejected() {
    assertThatThrownBy(() -> FaultWindow.parse("200:1m@1h", "--endpoint-errors")).hasMessageContaining("4xx or 5xx");
  }
}
