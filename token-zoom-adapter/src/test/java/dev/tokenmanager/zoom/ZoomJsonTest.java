package dev.tokenmanager.zoom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ZoomJsonTest {

  private static final String TOKEN = "eyJhbGciOiJIUzUxMiJ9.test-token-VALUE";

  private final ZoomJson json = new ZoomJson();

  @Test
  void readToken_documentedExample_keepsEveryField() throws Exception {
    TokenResponse response = read("{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"bearer\","
        + "\"expires_in\":3599,\"scope\":\"user:read:admin meeting:write\",\"api_url\":\"https://api.zoom.us\"}");

    assertThat(response).isEqualTo(
        new TokenResponse(TOKEN, "bearer", 3599L, "user:read:admin meeting:write", "https://api.zoom.us"));
  }

  @Test
  void readToken_expiresIn3600_isKept() throws Exception {
    assertThat(read(token("3600")).expiresIn()).isEqualTo(3600L);
  }

  @Test
  void readToken_expiresInAsString_isCoerced() throws Exception {
    assertThat(read(token("\"3600\"")).expiresIn()).isEqualTo(3600L);
  }

  @Test
  void readToken_expiresInMissing_is3599() throws Exception {
    assertThat(read("{\"access_token\":\"" + TOKEN + "\"}").expiresIn()).isEqualTo(3599L);
  }

  @Test
  void readToken_expiresInNull_is3599() throws Exception {
    assertThat(read(token("null")).expiresIn()).isEqualTo(3599L);
  }

  @Test
  void readToken_tokenTypeMissing_isBearer() throws Exception {
    assertThat(read("{\"access_token\":\"" + TOKEN + "\"}").tokenType()).isEqualTo("bearer");
  }

  @Test
  void readToken_unknownFields_areIgnored() throws Exception {
    TokenResponse response = read("{\"access_token\":\"" + TOKEN + "\",\"refresh_token\":\"r\","
        + "\"nested\":{\"a\":[1,2]},\"future_field\":true,\"expires_in\":3600}");

    assertThat(response.accessToken()).isEqualTo(TOKEN);
    assertThat(response.expiresIn()).isEqualTo(3600L);
  }

  @Test
  void readToken_expiresInZero_isRejected() {
    assertThat(failure(token("0")))
        .hasMessage("expires_in must be between 1 and 86400 seconds, but was 0");
  }

  @Test
  void readToken_expiresInNegative_isRejected() {
    assertThat(failure(token("-5")))
        .hasMessage("expires_in must be between 1 and 86400 seconds, but was -5");
  }

  @Test
  void readToken_expiresInOverOneDay_isRejected() {
    assertThat(failure(token("864000")))
        .hasMessage("expires_in must be between 1 and 86400 seconds, but was 864000");
  }

  @ParameterizedTest
  @ValueSource(strings = {"3600.5", "3600.0", "1e3", "\"abc\"", "\"\"", "true", "[3600]", "{}", "99999999999999999999"})
  void readToken_expiresInNotAWholeNumber_isRejected(String value) {
    ZoomJson.BadBody failure = failure(token(value));

    assertThat(failure).hasMessage("expires_in is not a whole number of seconds");
    assertThat(failure.notJson()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{\"access_token\":\"\"}", "{\"access_token\":\"  \"}", "{\"access_token\":null}",
      "{\"token_type\":\"bearer\",\"expires_in\":3600}"})
  void readToken_noAccessToken_isRejected(String body) {
    assertThat(failure(body)).hasMessage("access_token is missing or blank");
  }

  @Test
  void readToken_accessTokenOfWrongType_isRejectedNamingTheField() {
    assertThat(failure("{\"access_token\":{\"v\":\"" + TOKEN + "\"}}"))
        .hasMessage("access_token has an invalid value or type")
        .hasNoCause();
  }

  @ParameterizedTest
  @ValueSource(strings = {"<html><body>Bad gateway</body></html>", "access_token=" + TOKEN, "{\"access_token\":"
      + TOKEN + "}", "{\"access_token\":\"" + TOKEN + "\"} trailing-" + TOKEN, "{\"access_token\":\"" + TOKEN})
  void readToken_notJson_isRejectedWithoutQuotingTheBody(String body) {
    ZoomJson.BadBody failure = failure(body);

    assertThat(failure.notJson()).isTrue();
    assertThat(failure).hasNoCause();
    assertThat(failure.getMessage()).doesNotContain(TOKEN).doesNotContain("html");
  }

  @Test
  void readToken_jsonArray_isRejectedAsNotATokenObject() {
    assertThat(failure("[\"" + TOKEN + "\"]")).hasMessage("the JSON body is not a token object");
  }

  @Test
  void readError_zoomErrorBody_keepsReasonAndError() {
    assertThat(json.readError(bytes("{\"reason\":\"Invalid client_id or client_secret\",\"error\":\"invalid_client\"}")))
        .contains(new ErrorBody("Invalid client_id or client_secret", "invalid_client", OptionalInt.empty(), null));
  }

  @Test
  void readError_numericCode_isKept() {
    assertThat(json.readError(bytes("{\"code\":4702,\"message\":\"Invalid client\"}")).orElseThrow().code())
        .hasValue(4702);
    assertThat(json.readError(bytes("{\"code\":\"4717\"}")).orElseThrow().code()).hasValue(4717);
    assertThat(json.readError(bytes("{\"code\":\"abc\"}")).orElseThrow().code()).isEmpty();
  }

  @Test
  void readError_longReasonWithNewlines_isCappedToOneLine() {
    String reason = "line1\nline2 " + "x".repeat(500);

    ErrorBody body = json.readError(bytes("{\"reason\":\"" + reason.replace("\n", "\\n") + "\"}")).orElseThrow();

    assertThat(body.reason()).doesNotContain("\n").hasSize(Excerpt.MAX_LENGTH + 1).endsWith("…");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "<html>Forbidden</html>", "[1,2]", "\"text\"", "42"})
  void readError_notAJsonObject_isEmpty(String body) {
    assertThat(json.readError(bytes(body))).isEmpty();
  }

  private TokenResponse read(String body) throws ZoomJson.BadBody {
    return json.readToken(bytes(body));
  }

  private ZoomJson.BadBody failure(String body) {
    return catchThrowableOfType(ZoomJson.BadBody.class, () -> json.readToken(bytes(body)));
  }

  private static String token(String expiresIn) {
    return "{\"access_token\":\"" + TOKEN + "\",\"expires_in\":" + expiresIn + "}";
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
