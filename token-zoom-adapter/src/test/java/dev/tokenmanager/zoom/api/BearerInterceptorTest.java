package dev.tokenmanager.zoom.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmanager.core.TokenManager;
import dev.tokenmanager.core.error.TokenException;
import dev.tokenmanager.core.error.UpstreamUnavailableException;
import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.testing.InMemoryTokenStore;
import feign.Request;
import feign.RequestTemplate;
import feign.Target;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BearerInterceptorTest {

  /** The interface the test targets point at; never called. */
  interface Api {}

  private final ApiFixtures fixtures = new ApiFixtures();

  @Test
  void apply_always_setsTheCurrentTokenAsBearerHeaderOnly() {
    RequestTemplate template = template("https://api.zoom.us/v2");

    new BearerInterceptor(fixtures.tokens, false).apply(template);

    AccessToken token = fixtures.manager.token(ApiFixtures.KEY);
    Request request = template.feignTarget().apply(template);
    assertThat(request.headers().get("Authorization")).containsExactly("Bearer " + token.value());
    assertThat(request.url()).isEqualTo("https://api.zoom.us/v2/users/me?page_size=30").doesNotContain(token.value());
  }

  @Test
  void apply_onRetry_replacesTheHeaderWithTheNewToken() {
    RequestTemplate template = template("https://api.zoom.us/v2");
    BearerInterceptor interceptor = new BearerInterceptor(fixtures.tokens, false);
    interceptor.apply(template);
    AccessToken first = fixtures.manager.token(ApiFixtures.KEY);
    fixtures.manager.invalidate(ApiFixtures.KEY, first);

    interceptor.apply(template);

    AccessToken second = fixtures.manager.token(ApiFixtures.KEY);
    assertThat(second).isNotEqualTo(first);
    assertThat(template.headers().get("Authorization")).containsExactly("Bearer " + second.value());
  }

  @Test
  void apply_headerSetByCallerInAnotherCase_isReplaced() {
    RequestTemplate template = template("https://api.zoom.us/v2");
    template.header("authorization", "Bearer stale");

    new BearerInterceptor(fixtures.tokens, false).apply(template);

    assertThat(template.headers().get("Authorization")).singleElement().asString().doesNotContain("stale");
  }

  @Test
  void apply_tokenWithBraces_isSentLiterally() {
    BearerTokens braces = tokensMinting("ab{cd}ef", null);
    RequestTemplate template = template("https://api.zoom.us/v2");

    new BearerInterceptor(braces, false).apply(template);

    assertThat(template.request().headers().get("Authorization")).containsExactly("Bearer ab{cd}ef");
  }

  @Test
  void apply_withTokenApiUrl_sendsToTheTokensClusterKeepingTheTargetPath() {
    BearerTokens regional = tokensMinting("eu-token", "https://eu01api.zoom.us/");
    RequestTemplate template = template("https://api.zoom.us/v2/");

    new BearerInterceptor(regional, true).apply(template);

    assertThat(template.feignTarget().apply(template).url())
        .isEqualTo("https://eu01api.zoom.us/v2/users/me?page_size=30");
  }

  @Test
  void apply_withoutTokenApiUrl_keepsTheTarget() {
    BearerTokens regional = tokensMinting("eu-token", "https://eu01api.zoom.us");
    RequestTemplate template = template("https://api.zoom.us/v2");

    new BearerInterceptor(regional, false).apply(template);

    assertThat(template.feignTarget().apply(template).url()).isEqualTo("https://api.zoom.us/v2/users/me?page_size=30");
  }

  @Test
  void apply_withTokenApiUrlOnRetry_keepsOneTargetPath() {
    BearerTokens regional = tokensMinting("eu-token", "https://eu01api.zoom.us");
    RequestTemplate template = template("https://api.zoom.us/v2");
    BearerInterceptor interceptor = new BearerInterceptor(regional, true);
    interceptor.apply(template);
    template.feignTarget().apply(template);

    interceptor.apply(template);

    assertThat(template.feignTarget().apply(template).url())
        .isEqualTo("https://eu01api.zoom.us/v2/users/me?page_size=30");
  }

  @Test
  void fixedTargetPath_hardCodedTarget_isItsPathWithoutTrailingSlash() {
    assertThat(BearerInterceptor.fixedTargetPath(new Target.HardCodedTarget<>(Api.class, "https://api.zoom.us/v2/")))
        .isEqualTo("/v2");
    assertThat(BearerInterceptor.fixedTargetPath(new Target.HardCodedTarget<>(Api.class, "https://api.zoom.us")))
        .isEmpty();
  }

  @Test
  void fixedTargetPath_emptyTarget_isNull() {
    assertThat(BearerInterceptor.fixedTargetPath(Target.EmptyTarget.create(Api.class))).isNull();
    assertThat(BearerInterceptor.fixedTargetPath(null)).isNull();
  }

  @Test
  void apply_noTokenToBeHad_throwsTheManagersErrorAndSetsNothing() {
    fixtures.source.failWith(new UpstreamUnavailableException(ApiFixtures.KEY, "down", null));
    RequestTemplate template = template("https://api.zoom.us/v2");

    assertThatThrownBy(() -> new BearerInterceptor(fixtures.tokens, false).apply(template))
        .isInstanceOf(TokenException.class);
    assertThat(template.headers()).doesNotContainKey("Authorization");
  }

  private BearerTokens tokensMinting(String value, String apiUrl) {
    TokenManager manager = TokenManager.builder(
            key -> AccessToken.of(value, "bearer", List.of(), apiUrl, fixtures.clock.now(),
                fixtures.clock.now().plus(Duration.ofHours(1))),
            new InMemoryTokenStore(fixtures.clock))
        .clock(fixtures.clock).executor(Runnable::run).build();
    return new BearerTokens(manager, ApiFixtures.KEY);
  }

  private static RequestTemplate template(String targetUrl) {
    RequestTemplate template = new RequestTemplate().method(Request.HttpMethod.GET).uri("/users/me?page_size=30");
    template.feignTarget(new Target.HardCodedTarget<>(Api.class, targetUrl));
    return template.resolve(Map.of());
  }
}
