package dev.tokenmanager.redis;

import static dev.tokenmanager.core.testing.TokenBuilder.aToken;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.model.FailureKind;
import dev.tokenmanager.core.model.MintBackoff;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValueCodecTest {

  private static final String SECRET = "SECRETVALUE";
  private static final Instant ISSUED = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void encodeToken_aToken_writesTheDocumentedJson() {
    AccessToken token = aToken().value("eyJ.a-b_c.123").scopes("user:read:admin", "meeting:read")
        .apiUrl("https://eu01api.zoom.us").lifetime(Duration.ofSeconds(3599)).build();

    assertThat(ValueCodec.encodeToken(token)).isEqualTo("{\"v\":1,\"access_token\":\"eyJ.a-b_c.123\","
        + "\"token_type\":\"bearer\",\"scope\":\"meeting:read user:read:admin\",\"api_url\":\"https://eu01api.zoom.us\","
        + "\"issued_at\":1767225600000,\"expires_at\":1767229199000}");
  }

  @Test
  void encodeToken_specialCharacters_escapesToPureAscii() {
    AccessToken token = aToken().value("q\"b\\s/\n\t\u0001é😀\u007f").build();

    String json = ValueCodec.encodeToken(token);

    assertThat(json).contains("\"access_token\":\"q\\\"b\\\\s/\\n\\t\\u0001\\u00e9\\ud83d\\ude00\\u007f\"");
    assertThat(json.chars().allMatch(c -> c >= 0x20 && c < 0x7f)).isTrue();
  }

  @Test
  void decodeToken_encodedToken_roundTripsEveryAttribute() {
    AccessToken token = aToken().value("q\"b\\s/\n\t\u0001é😀").type("Bearer").scopes("a", "b:c")
        .apiUrl("https://api-eu.zoom.us").issuedAt(ISSUED.plusMillis(123)).lifetime(Duration.ofMillis(3_599_001))
        .build();

    Decoded<AccessToken> decoded = ValueCodec.decodeToken(ValueCodec.encodeToken(token));

    assertThat(decoded.isAccepted()).isTrue();
    AccessToken back = decoded.value();
    assertThat(back.value()).isEqualTo(token.value());
    assertThat(back.tokenType()).isEqualTo("Bearer");
    assertThat(back.scopes()).containsExactlyInAnyOrder("a", "b:c");
    assertThat(back.apiUrl()).isEqualTo("https://api-eu.zoom.us");
    assertThat(back.issuedAt()).isEqualTo(token.issuedAt());
    assertThat(back.expiresAt()).isEqualTo(token.expiresAt());
  }

  @Test
  void decodeToken_withoutScopes_roundTripsAnEmptySet() {
    AccessToken token = aToken().scopes().build();

    assertThat(ValueCodec.decodeToken(ValueCodec.encodeToken(token)).value().scopes()).isEmpty();
  }

  @Test
  void decodeToken_unknownMembersAndWhitespace_areIgnored() {
    String json = " { \"v\" : 1 , \"extra\" : {\"nested\":[1,2]}, \"access_token\":\"t\", \"token_type\":\"bearer\","
        + " \"scope\":\"\", \"api_url\":\"https://api.zoom.us\", \"issued_at\":1000, \"expires_at\":2000 } ";

    Decoded<AccessToken> decoded = ValueCodec.decodeToken(json);

    assertThat(decoded.isAccepted()).isTrue();
    assertThat(decoded.value().expiresAtMillis()).isEqualTo(2000);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "SECRETVALUE                                  | not JSON: unexpected character at offset 0",
      "`[\"SECRETVALUE\"]`                          | not a JSON object",
      "`\"SECRETVALUE\"`                            | not a JSON object",
      "`{\"token\":\"SECRETVALUE\",\"exp\":5}`      | missing field v (not a Token Manager value)",
      "`{\"v\":\"1\",\"access_token\":\"SECRETVALUE\"}` | field v is not an integer",
      "`{\"v\":2,\"access_token\":\"SECRETVALUE\"}` | format version 2 is not supported (this reader knows version 1)",
      "`{\"v\":1,\"token_type\":\"bearer\"}`        | missing field access_token",
      "`{\"v\":1,\"access_token\":7}`               | field access_token is not a string",
      "`{\"v\":1,\"access_token\":null}`            | field access_token is not a string",
      "`{\"v\":1,\"access_token\":\"SECRETVALUE\"}` | missing field token_type",
      "`{\"v\":1,\"access_token\":\"SECRETVALUE\",\"token_type\":\"bearer\"}` | missing field scope",
      "`{\"v\":1,\"access_token\":\"SECRETVALUE\",\"token_type\":\"bearer\",\"scope\":\"\"}` | missing field api_url",
      "`{\"v\":1,\"access_token\":\"SECRETVALUE\",\"token_type\":\"bearer\",\"scope\":\"\",\"api_url\":\"\"}` | missing field issued_at",
      "`{\"v\":1,\"access_token\":\"SECRETVALUE\",\"token_type\":\"bearer\",\"scope\":\"\",\"api_url\":\"\",\"issued_at\":1}` | missing field expires_at",
      "`{\"v\":1,\"access_token\":\"SECRETVALUE\",\"token_type\":\"bearer\",\"scope\":\"\",\"api_url\":\"\",\"issued_at\":1,\"expires_at\":\"2\"}` | field expires_at is not an integer",
      "`{\"v\":1,\"access_token\":\"SECRETVALUE\",\"token_type\":\"bearer\",\"scope\":\"\",\"api_url\":\"\",\"issued_at\":1,\"expires_at\":2.5}` | number at offset 109 is not an integer",
      "`{\"v\":1,\"access_token\":\"\",\"token_type\":\"bearer\",\"scope\":\"\",\"api_url\":\"\",\"issued_at\":1,\"expires_at\":2}` | field access_token is empty",
      "`{\"v\":1,\"access_token\":\"SECRETVALUE\",\"token_type\":\" \",\"scope\":\"\",\"api_url\":\"\",\"issued_at\":1,\"expires_at\":2}` | field token_type is blank",
      "`{\"v\":1,\"access_token\":\"SECRETVALUE\",\"token_type\":\"bearer\",\"scope\":\"\",\"api_url\":\"\",\"issued_at\":2,\"expires_at\":2}` | field expires_at is not after field issued_at",
      "`{\"v\":1,\"access_token\":\"SECRETVALUE\",\"access_token\":\"x\"}` | not JSON: duplicate member name at offset 36",
  })
  void decodeToken_unreadableValue_isRejectedWithAReasonThatHidesTheValue(String raw, String reason) {
    Decoded<AccessToken> decoded = ValueCodec.decodeToken(raw);

    assertThat(decoded.isAccepted()).isFalse();
    assertThat(decoded.reason()).isEqualTo(reason).doesNotContain(SECRET);
  }

  @Test
  void encodeBackoff_aRecord_writesTheDocumentedJson() {
    MintBackoff backoff = new MintBackoff(3, FailureKind.UPSTREAM_UNAVAILABLE, "HTTP 503 from the token endpoint",
        Instant.parse("2026-01-01T00:00:08Z"));

    assertThat(ValueCodec.encodeBackoff(backoff)).isEqualTo("{\"v\":1,\"failures\":3,\"kind\":\"UPSTREAM_UNAVAILABLE\","
        + "\"reason\":\"HTTP 503 from the token endpoint\",\"next_attempt_at\":1767225608000}");
  }

  @Test
  void decodeBackoff_encodedRecord_roundTrips() {
    for (FailureKind kind : FailureKind.values()) {
      MintBackoff backoff = new MintBackoff(Integer.MAX_VALUE, kind, "r\u00e9ason \"quoted\"", ISSUED.plusMillis(7));

      assertThat(ValueCodec.decodeBackoff(ValueCodec.encodeBackoff(backoff)).value()).isEqualTo(backoff);
    }
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "SECRETVALUE                                                          | not JSON: unexpected character at offset 0",
      "`{\"reason\":\"SECRETVALUE\"}`                                       | missing field v (not a Token Manager value)",
      "`{\"v\":3,\"reason\":\"SECRETVALUE\"}`                               | format version 3 is not supported (this reader knows version 1)",
      "`{\"v\":1,\"reason\":\"SECRETVALUE\"}`                               | missing field failures",
      "`{\"v\":1,\"failures\":1,\"reason\":\"SECRETVALUE\"}`                | missing field kind",
      "`{\"v\":1,\"failures\":1,\"kind\":\"SECRETVALUE\",\"reason\":\"\",\"next_attempt_at\":1}` | field kind names no known failure kind",
      "`{\"v\":1,\"failures\":1,\"kind\":\"RATE_LIMITED\",\"next_attempt_at\":1}` | missing field reason",
      "`{\"v\":1,\"failures\":1,\"kind\":\"RATE_LIMITED\",\"reason\":\"SECRETVALUE\"}` | missing field next_attempt_at",
      "`{\"v\":1,\"failures\":0,\"kind\":\"RATE_LIMITED\",\"reason\":\"SECRETVALUE\",\"next_attempt_at\":1}` | field failures is out of range 1..2147483647",
      "`{\"v\":1,\"failures\":2147483648,\"kind\":\"RATE_LIMITED\",\"reason\":\"\",\"next_attempt_at\":1}` | field failures is out of range 1..2147483647",
      "`{\"v\":1,\"failures\":true,\"kind\":\"RATE_LIMITED\",\"reason\":\"\",\"next_attempt_at\":1}` | field failures is not an integer",
  })
  void decodeBackoff_unreadableValue_isRejectedWithAReasonThatHidesTheValue(String raw, String reason) {
    Decoded<MintBackoff> decoded = ValueCodec.decodeBackoff(raw);

    assertThat(decoded.isAccepted()).isFalse();
    assertThat(decoded.reason()).isEqualTo(reason).doesNotContain(SECRET);
  }
}
