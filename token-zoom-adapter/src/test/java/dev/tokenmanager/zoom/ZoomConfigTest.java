package dev.tokenmanager.zoom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmanager.core.model.TokenKey;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZoomConfigTest {

  @Test
  void defaults_always_pointAtZoomWithShortTimeouts() {
    ZoomConfig config = ZoomConfig.defaults();

    assertThat(config.baseUrl()).isEqualTo(URI.create("https://zoom.us"));
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.readTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.defaultApiUrl()).isEqualTo("https://api.zoom.us");
    assertThat(config.oauthHost()).isEqualTo("zoom.us");
  }

  @Test
  void government_always_pointsAtZoomGovForTokensAndApi() {
    ZoomConfig config = ZoomConfig.government();

    assertThat(config.baseUrl()).isEqualTo(URI.create(ZoomConfig.ZOOMGOV_BASE_URL));
    assertThat(config.oauthHost()).isEqualTo("zoomgov.com");
    assertThat(config.defaultApiUrl()).isEqualTo(ZoomConfig.ZOOMGOV_API_URL);
  }

  @ParameterizedTest
  @CsvSource({
    "https://zoom.us, zoom.us",
    "https://zoomgov.com, zoomgov.com",
    "http://127.0.0.1:8089, 127.0.0.1:8089",
    "https://ZOOM.US, zoom.us",
    "HTTPS://Zoom.Us/, zoom.us",
    "https://zoom.us:443, zoom.us",
    "http://localhost:80, localhost",
    "https://zoom.us:8443, zoom.us:8443",
    "http://[::1]:9000, [::1]:9000"
  })
  void oauthHost_givenBaseUrl_isLowerCasedAuthorityWithoutDefaultPort(String baseUrl, String expected) {
    assertThat(ZoomConfig.of(baseUrl).oauthHost()).isEqualTo(expected);
  }

  @Test
  void of_trailingSlashes_areDropped() {
    assertThat(ZoomConfig.of("http://127.0.0.1:8089/").baseUrl()).isEqualTo(URI.create("http://127.0.0.1:8089"));
    assertThat(ZoomConfig.of("https://proxy.example/zoom//").baseUrl())
        .isEqualTo(URI.create("https://proxy.example/zoom"));
  }

  @Test
  void withBaseUrl_keepsTimeoutsAndApiUrl() {
    ZoomConfig config = ZoomConfig.defaults()
        .withTimeouts(Duration.ofMillis(200), Duration.ofMillis(700))
        .withDefaultApiUrl("https://eu01api.zoom.us")
        .withBaseUrl("http://127.0.0.1:9999");

    assertThat(config.connectTimeout()).isEqualTo(Duration.ofMillis(200));
    assertThat(config.readTimeout()).isEqualTo(Duration.ofMillis(700));
    assertThat(config.defaultApiUrl()).isEqualTo("https://eu01api.zoom.us");
    assertThat(config.oauthHost()).isEqualTo("127.0.0.1:9999");
  }

  @Test
  void keyFor_credentials_isHostAccountAndClientInSlotZero() {
    ZoomCredentials credentials = ZoomCredentials.of("acc-1", "client-1", "secret");

    assertThat(ZoomConfig.government().keyFor(credentials))
        .isEqualTo(new TokenKey("zoomgov.com", "acc-1", "client-1", 0));
  }

  @Test
  void keyFor_null_isRejected() {
    assertThatThrownBy(() -> ZoomConfig.defaults().keyFor(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("credentials must not be null");
  }

  @Test
  void of_ftpScheme_isRejectedNamingFieldAndValue() {
    assertThatThrownBy(() -> ZoomConfig.of("ftp://zoom.us"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("baseUrl must be an absolute http or https URL, but was ftp://zoom.us");
  }

  @Test
  void of_noScheme_isRejected() {
    assertThatThrownBy(() -> ZoomConfig.of("zoom.us"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("baseUrl must be an absolute http or https URL, but was zoom.us");
  }

  @Test
  void of_query_isRejectedNamingFieldAndValue() {
    assertThatThrownBy(() -> ZoomConfig.of("https://zoom.us?grant_type=account_credentials"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("baseUrl must not have a query, but was https://zoom.us?grant_type=account_credentials");
  }

  @Test
  void of_fragment_isRejected() {
    assertThatThrownBy(() -> ZoomConfig.of("https://zoom.us/#x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("baseUrl must not have a fragment, but was https://zoom.us/#x");
  }

  @Test
  void of_userInfo_isRejectedWithoutShowingIt() {
    assertThatThrownBy(() -> ZoomConfig.of("https://client:hunter2@zoom.us"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("baseUrl must not contain user info, but was https://***@zoom.us")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void of_unparseableWithUserInfo_isRejectedWithoutShowingIt() {
    assertThatThrownBy(() -> ZoomConfig.of("https://client:hun ter2@zoom.us"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("baseUrl is not a valid URL")
        .hasMessageNotContaining("hun ter2")
        .hasNoCause();
  }

  @Test
  void of_unparseable_isRejectedNamingTheValue() {
    assertThatThrownBy(() -> ZoomConfig.of("https://zoom us"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("baseUrl is not a valid URL")
        .hasMessageEndingWith("but was 'https://zoom us'");
  }

  @Test
  void of_blank_isRejected() {
    assertThatThrownBy(() -> ZoomConfig.of(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("baseUrl must not be blank, but was ' '");
  }

  @Test
  void constructor_nullBaseUrl_isRejected() {
    assertThatThrownBy(() -> new ZoomConfig(null, Duration.ofSeconds(1), Duration.ofSeconds(1), "https://api.zoom.us"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("baseUrl must not be null");
  }

  @Test
  void withTimeouts_zeroConnect_isRejectedNamingFieldAndValue() {
    assertThatThrownBy(() -> ZoomConfig.defaults().withTimeouts(Duration.ZERO, Duration.ofSeconds(3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("connectTimeout must be between 1ms and 1h, but was PT0S");
  }

  @Test
  void withTimeouts_negativeRead_isRejectedNamingFieldAndValue() {
    assertThatThrownBy(() -> ZoomConfig.defaults().withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(-3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("readTimeout must be between 1ms and 1h, but was PT-3S");
  }

  @Test
  void withTimeouts_subMillisecond_isRejected() {
    assertThatThrownBy(() -> ZoomConfig.defaults().withTimeouts(Duration.ofSeconds(1), Duration.ofNanos(10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("readTimeout must be between 1ms and 1h, but was PT0.00000001S");
  }

  @Test
  void withTimeouts_overAnHour_isRejected() {
    assertThatThrownBy(() -> ZoomConfig.defaults().withTimeouts(Duration.ofHours(2), Duration.ofSeconds(3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("connectTimeout must be between 1ms and 1h, but was PT2H");
  }

  @Test
  void withTimeouts_null_isRejected() {
    assertThatThrownBy(() -> ZoomConfig.defaults().withTimeouts(Duration.ofSeconds(1), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("readTimeout must not be null");
  }

  @Test
  void withDefaultApiUrl_notHttp_isRejectedNamingFieldAndValue() {
    assertThatThrownBy(() -> ZoomConfig.defaults().withDefaultApiUrl("api.zoom.us"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("defaultApiUrl must be an absolute http or https URL, but was api.zoom.us");
  }

  @Test
  void withDefaultApiUrl_blank_isRejected() {
    assertThatThrownBy(() -> ZoomConfig.defaults().withDefaultApiUrl(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("defaultApiUrl must not be blank, but was ''");
  }
}
