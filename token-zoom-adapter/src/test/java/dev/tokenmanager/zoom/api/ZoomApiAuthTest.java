package dev.tokenmanager.zoom.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmanager.core.model.AccessToken;
import feign.Feign;
import feign.RequestTemplate;
import org.junit.jupiter.api.Test;

class ZoomApiAuthTest {

  private final ApiFixtures fixtures = new ApiFixtures();

  @Test
  void create_nullManager_isRejectedByName() {
    assertThatThrownBy(() -> ZoomApiAuth.create(null, ApiFixtures.KEY))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("manager must not be null");
  }

  @Test
  void create_nullKey_isRejectedByName() {
    assertThatThrownBy(() -> ZoomApiAuth.create(fixtures.manager, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("key must not be null");
  }

  @Test
  void withClock_null_isRejectedByName() {
    ZoomApiAuth auth = ZoomApiAuth.create(fixtures.manager, ApiFixtures.KEY);

    assertThatThrownBy(() -> auth.withClock(null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("clock must not be null");
  }

  @Test
  void configure_nullBuilder_isRejectedByName() {
    ZoomApiAuth auth = ZoomApiAuth.create(fixtures.manager, ApiFixtures.KEY);

    assertThatThrownBy(() -> auth.configure(null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("builder must not be null");
  }

  @Test
  void create_defaults_useTheTargetsUrlAndTheGivenKey() {
    ZoomApiAuth auth = ZoomApiAuth.create(fixtures.manager, ApiFixtures.KEY);

    assertThat(auth.usesTokenApiUrl()).isFalse();
    assertThat(auth.key()).isEqualTo(ApiFixtures.KEY);
  }

  @Test
  void withTokenApiUrl_returnsACopyAndLeavesTheOriginal() {
    ZoomApiAuth auth = ZoomApiAuth.create(fixtures.manager, ApiFixtures.KEY);

    ZoomApiAuth regional = auth.withTokenApiUrl(true);

    assertThat(regional.usesTokenApiUrl()).isTrue();
    assertThat(auth.usesTokenApiUrl()).isFalse();
    assertThat(regional.toString()).contains("api_url");
  }

  @Test
  void parts_ofCopies_shareTheMemoryOfHandedOutTokens() {
    ZoomApiAuth auth = ZoomApiAuth.create(fixtures.manager, ApiFixtures.KEY);
    ZoomApiAuth copy = auth.withTokenApiUrl(true).withClock(fixtures.clock);
    RequestTemplate template = new RequestTemplate();
    auth.interceptor().apply(template);
    AccessToken sent = fixtures.manager.token(ApiFixtures.KEY);

    Exception e = copy.errorDecoder().decode("ZoomApi#me()",
        ApiFixtures.response(ApiFixtures.request("Bearer " + sent.value()), 401, "{\"code\":124}"));

    assertThat(((TokenRefreshSignal) e).rejectedToken()).containsSame(sent);
  }

  @Test
  void configure_builder_returnsTheSameBuilder() {
    ZoomApiAuth auth = ZoomApiAuth.create(fixtures.manager, ApiFixtures.KEY);
    Feign.Builder builder = Feign.builder();

    assertThat(auth.configure(builder)).isSameAs(builder);
  }

  @Test
  void toString_afterHandingOutAToken_namesTheKeyButNoToken() {
    ZoomApiAuth auth = ZoomApiAuth.create(fixtures.manager, ApiFixtures.KEY);
    auth.interceptor().apply(new RequestTemplate());
    String token = fixtures.manager.token(ApiFixtures.KEY).value();

    assertThat(auth.toString()).contains(ApiFixtures.KEY.toString()).doesNotContain(token);
    assertThat(auth.interceptor().toString()).doesNotContain(token);
    assertThat(auth.errorDecoder().toString()).doesNotContain(token);
    assertThat(auth.retryer().toString()).doesNotContain(token);
  }
}
