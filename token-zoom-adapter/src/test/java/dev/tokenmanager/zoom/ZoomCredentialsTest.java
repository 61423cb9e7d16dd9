package dev.tokenmanager.zoom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmanager.core.model.Secret;
import org.junit.jupiter.api.Test;

class ZoomCredentialsTest {

  private static final String SECRET = "s3cr3t-Client-Value";

  @Test
  void toString_always_redactsTheSecret() {
    ZoomCredentials credentials = ZoomCredentials.of("acc-1", "client-1", SECRET);

    assertThat(credentials.toString())
        .isEqualTo("ZoomCredentials[accountId=acc-1, clientId=client-1, clientSecret=redacted]")
        .doesNotContain(SECRET);
  }

  @Test
  void clientSecret_always_revealsTheValueOnlyOnRequest() {
    ZoomCredentials credentials = ZoomCredentials.of("acc-1", "client-1", SECRET);

    assertThat(credentials.clientSecret().reveal()).isEqualTo(SECRET);
    assertThat(String.valueOf(credentials.clientSecret())).doesNotContain(SECRET);
  }

  @Test
  void equals_sameValues_isTrue() {
    assertThat(ZoomCredentials.of("acc-1", "client-1", SECRET)).isEqualTo(ZoomCredentials.of("acc-1", "client-1", SECRET));
    assertThat(ZoomCredentials.of("acc-1", "client-1", SECRET)).isNotEqualTo(ZoomCredentials.of("acc-1", "client-1", "other"));
  }

  @Test
  void constructor_blankAccountId_isRejectedNamingFieldAndValue() {
    assertThatThrownBy(() -> ZoomCredentials.of(" ", "client-1", SECRET))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("accountId must not be blank, but was ' '");
  }

  @Test
  void constructor_nullClientId_isRejected() {
    assertThatThrownBy(() -> ZoomCredentials.of("acc-1", null, SECRET))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("clientId must not be blank, but was null");
  }

  @Test
  void constructor_whiteSpaceInAccountId_isRejectedNamingFieldAndValue() {
    assertThatThrownBy(() -> ZoomCredentials.of("acc 1", "client-1", SECRET))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("accountId must not contain white space or control characters, but was 'acc 1'");
  }

  @Test
  void constructor_trailingNewlineInClientId_isRejected() {
    assertThatThrownBy(() -> ZoomCredentials.of("acc-1", "client-1\n", SECRET))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("clientId must not contain white space or control characters, but was 'client-1\\n'");
  }

  @Test
  void constructor_colonInClientId_isRejected() {
    assertThatThrownBy(() -> ZoomCredentials.of("acc-1", "client:1", SECRET))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("clientId must not contain ':', but was 'client:1'");
  }

  @Test
  void constructor_nullSecret_isRejected() {
    assertThatThrownBy(() -> new ZoomCredentials("acc-1", "client-1", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("clientSecret must not be null");
  }

  @Test
  void of_blankSecret_isRejectedNamingTheField() {
    assertThatThrownBy(() -> ZoomCredentials.of("acc-1", "client-1", "  "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("clientSecret must not be blank");
  }

  @Test
  void constructor_secretWithTrailingNewline_isRejectedWithoutShowingIt() {
    assertThatThrownBy(() -> new ZoomCredentials("acc-1", "client-1", Secret.of(SECRET + "\n")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("clientSecret must not contain white space or control characters")
        .hasMessageNotContaining(SECRET);
  }
}
