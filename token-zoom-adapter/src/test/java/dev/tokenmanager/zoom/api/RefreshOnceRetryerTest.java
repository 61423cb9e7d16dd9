package dev.tokenmanager.zoom.api;

import static dev.tokenmanager.zoom.api.ApiFixtures.request;
import static dev.tokenmanager.zoom.api.ApiFixtures.response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tokenmanager.core.model.AccessToken;
import feign.Request;
import feign.RetryableException;
import feign.Retryer;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RefreshOnceRetryerTest {

  private final ApiFixtures fixtures = new ApiFixtures();
  private final ZoomErrorDecoder decoder = new ZoomErrorDecoder(fixtures.tokens, fixtures.clock);
  private final Retryer prototype = new RefreshOnceRetryer(fixtures.tokens);

  @Test
  void continueOrPropagate_firstSignal_invalidatesTheSentTokenAndRetries() {
    AccessToken t1 = fixtures.tokens.handOut();
    Retryer call = prototype.clone();

    call.continueOrPropagate(signalFor(t1));

    AccessToken t2 = fixtures.tokens.handOut();
    assertThat(t2).isNotEqualTo(t1);
    assertThat(fixtures.source.minted()).isEqualTo(2);
  }

  @Test
  void continueOrPropagate_secondSignal_surfacesRejectionWithoutAnotherMint() {
    AccessToken t1 = fixtures.tokens.handOut();
    Retryer call = prototype.clone();
    call.continueOrPropagate(signalFor(t1));
    AccessToken t2 = fixtures.tokens.handOut();

    Throwable thrown = catchThrowable(() -> call.continueOrPropagate(signalFor(t2)));

    assertThat(thrown).isInstanceOf(ZoomTokenRejectedException.class);
    ZoomTokenRejectedException rejected = (ZoomTokenRejectedException) thrown;
    assertThat(rejected.afterRefresh()).isTrue();
    assertThat(rejected.tokenFingerprint()).isEqualTo(t2.fingerprint());
    assertThat(rejected.getMessage()).contains(t1.fingerprint(), t2.fingerprint()).doesNotContain(t1.value(), t2.value());
    assertThat(fixtures.source.minted()).isEqualTo(2);
    assertThat(fixtures.tokens.handOut()).isSameAs(t2);
  }

  @Test
  void continueOrPropagate_lateSignalForAnOldToken_leavesTheSuccessor() {
    AccessToken t1 = fixtures.tokens.handOut();
    fixtures.manager.invalidate(ApiFixtures.KEY, t1);
    AccessToken t2 = fixtures.tokens.handOut();

    prototype.clone().continueOrPropagate(signalFor(t1));

    assertThat(fixtures.tokens.handOut()).isSameAs(t2);
    assertThat(fixtures.source.minted()).isEqualTo(2);
  }

  @Test
  void continueOrPropagate_otherRetryableException_propagatesAtOnce() {
    Request request = request("Bearer x");
    RetryableException io = new RetryableException(-1, "connection reset", Request.HttpMethod.GET,
        new IOException("reset"), (Long) null, request);

    assertThat(catchThrowable(() -> prototype.clone().continueOrPropagate(io))).isSameAs(io);
  }

  @Test
  void clone_eachCall_startsWithItsOwnRetry() {
    AccessToken t1 = fixtures.tokens.handOut();
    Retryer first = prototype.clone();
    first.continueOrPropagate(signalFor(t1));
    AccessToken t2 = fixtures.tokens.handOut();
    // Past the manager's invalidation cooldown, a new call's rejection counts again.
    fixtures.clock.advance(Duration.ofSeconds(31));

    Retryer second = prototype.clone();
    second.continueOrPropagate(signalFor(t2));

    assertThat(second).isNotSameAs(first);
    assertThat(fixtures.source.minted()).as("the second call's first rejection refreshes again").isEqualTo(3);
  }

  @Test
  void clone_ofARetriedRetryer_isFresh() {
    AccessToken t1 = fixtures.tokens.handOut();
    Retryer call = prototype.clone();
    call.continueOrPropagate(signalFor(t1));

    Retryer next = call.clone();
    fixtures.clock.advance(Duration.ofSeconds(31));

    AccessToken t2 = fixtures.tokens.handOut();
    next.continueOrPropagate(signalFor(t2));
    assertThat(fixtures.source.minted()).isEqualTo(3);
  }

  private TokenRefreshSignal signalFor(AccessToken token) {
    Request request = request("Bearer " + token.value());
    return (TokenRefreshSignal) decoder.decode("ZoomApi#me()", response(request, 401, "{\"code\":124}"));
  }
}
