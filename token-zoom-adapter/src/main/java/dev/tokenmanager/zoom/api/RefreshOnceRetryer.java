package dev.tokenmanager.zoom.api;

import feign.RetryableException;
import feign.Retryer;

/**
 * Retries a call exactly once, and only for a {@link TokenRefreshSignal}: the first time Zoom rejects
 * the call's token, it reports that token to the manager (which evicts it and mints once, only if it
 * is still current) and lets Feign retry, whose request interceptor then sends the fresh token. A
 * second rejection in the same call surfaces as {@link ZoomTokenRejectedException}, without reporting
 * the fresh token, so a call causes at most one mint.
 *
 * <p>Every other {@link RetryableException} (I/O errors of the caller's client, say) propagates at
 * once: the retry policy for those belongs to the caller. Nothing here sleeps.
 *
 * <p>Feign {@link #clone() clones} the retryer for every call, so the state of a call (whether it has
 * been retried) lives in its own instance and is never shared between threads.
 */
final class RefreshOnceRetryer implements Retryer {

  private final BearerTokens tokens;
  private String firstRejected;

  RefreshOnceRetryer(BearerTokens tokens) {
    this.tokens = tokens;
  }

  /**
   * Decides whether the call is retried.
   *
   * @param e what the attempt failed with
   * @throws RetryableException {@code e} itself, unless it is the first token-refresh signal of the call
   * @throws ZoomTokenRejectedException on the second token-refresh signal of the call
   */
  @Override
  public void continueOrPropagate(RetryableException e) {
    if (!(e instanceof TokenRefreshSignal signal)) {
      throw e;
    }
    if (firstRejected != null) {
      throw signal.rejection().again(firstRejected);
    }
    firstRejected = signal.rejection().tokenFingerprint();
    signal.rejectedToken().ifPresent(tokens::invalidate);
  }

  /** Returns a retryer for a new call: not retried yet. */
  @Override
  public Retryer clone() {
    return new RefreshOnceRetryer(tokens);
  }

  @Override
  public String toString() {
    return "RefreshOnceRetryer[" + tokens.key() + (firstRejected != null ? ", retried" : "") + "]";
  }
}
