package dev.tokenmanager.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class JsonReaderTest {

  @Test
  void parse_objectWithEveryValueKind_readsThem() throws Exception {
    Object parsed = JsonReader.parse(" {\"s\":\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\", \"n\":-42, \"z\":0,"
        + " \"t\":true, \"f\":false, \"x\":null, \"a\":[1,[],{}], \"o\":{}}\n");

    assertThat(parsed).isInstanceOf(Map.class);
    Map<?, ?> map = (Map<?, ?>) parsed;
    assertThat(map.get("s")).isEqualTo("a\"b\\c/d\b\f\n\r\t\u00e9\ud83d\ude00");
    assertThat(map.get("n")).isEqualTo(-42L);
    assertThat(map.get("z")).isEqualTo(0L);
    assertThat(map.get("t")).isEqualTo(true);
    assertThat(map.get("f")).isEqualTo(false);
    assertThat(map.get("x")).isSameAs(JsonReader.NULL);
    assertThat(map.get("a")).isEqualTo(List.of(1L, List.of(), Map.of()));
    assertThat(map.get("o")).isEqualTo(Map.of());
  }

  @Test
  void parse_longExtremes_readsThem() throws Exception {
    assertThat(JsonReader.parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    assertThat(JsonReader.parse("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "``                        | not JSON: the value is empty",
      "`   `                     | not JSON: the value is empty",
      "garbage                   | not JSON: unexpected character at offset 0",
      "{\"a\":1} x               | not JSON: trailing content after the JSON value at offset 8",
      "{\"a\":1,}                | not JSON: expected a member name at offset 7",
      "{\"a\" 1}                 | not JSON: expected ':' at offset 5",
      "{\"a\":1 \"b\":2}         | not JSON: expected ',' or '}' at offset 7",
      "{\"a\":1,\"a\":2}         | not JSON: duplicate member name at offset 7",
      "[1 2]                     | not JSON: expected ',' or ']' at offset 3",
      "{\"a\":\"x                | not JSON: unterminated string at the end",
      "\"a\\qb\"                 | not JSON: invalid escape at offset 3",
      "\"\\u12x4\"               | not JSON: invalid hex digit in \\u escape at offset 5",
      "\"\\u1\"                  | not JSON: incomplete \\u escape at offset 3",
      "1.5                       | number at offset 0 is not an integer",
      "1e3                       | number at offset 0 is not an integer",
      "-                         | not JSON: expected a digit at the end",
      "01                        | not JSON: leading zero in a number at offset 1",
      "9223372036854775808       | number at offset 0 does not fit in 64 bits",
      "tru                       | not JSON: unexpected character at offset 0",
      "{                         | not JSON: expected a member name at the end",
  })
  void parse_invalidText_isRejectedWithOffsetAndWithoutContent(String text, String reason) {
    assertThatThrownBy(() -> JsonReader.parse(text)).isInstanceOf(UnreadableValueException.class).hasMessage(reason);
  }

  @Test
  void parse_controlCharacterInString_isRejected() {
    assertThatThrownBy(() -> JsonReader.parse("\"a\u0001b\""))
        .isInstanceOf(UnreadableValueException.class)
        .hasMessage("not JSON: control character inside a string at offset 2");
  }

  @Test
  void parse_nestedTooDeep_isRejected() {
    String deep = "[".repeat(40) + "]".repeat(40);

    assertThatThrownBy(() -> JsonReader.parse(deep))
        .isInstanceOf(UnreadableValueException.class)
        .hasMessage("not JSON: nested deeper than 16 levels at offset 17");
  }

  @Test
  void parse_rejection_neverQuotesTheText() {
    String secret = "s3cr3t-token-value";

    assertThatThrownBy(() -> JsonReader.parse("{\"access_token\":\"" + secret + "\",}"))
        .isInstanceOf(UnreadableValueException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret).doesNotContain("access_token"));
  }
}
