package dev.tokenmanager.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DurationConverterTest {

  private final DurationConverter converter = new DurationConverter();

  @Test
  void convert_shortForms_andIso() {
    assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(converter.convert("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(converter.convert("10m")).isEqualTo(Duration.ofMinutes(10));
    assertThat(converter.convert("24h")).isEqualTo(Duration.ofHours(24));
    assertThat(converter.convert("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void convert_garbage_saysWhatItExpects() {
    assertThatThrownBy(() -> converter.convert("soon"))
        .isInstanceOf(CommandLine.TypeConversionException.class)
        .hasMessageContaining("such as 500ms, 30s, 10m or 24h");
  }
}
