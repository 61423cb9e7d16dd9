package dev.tokenmanager.core.testing;

import dev.tokenmanager.core.error.TokenException;
import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.model.TokenKey;
import dev.tokenmanager.core.port.Clock;
import dev.tokenmanager.core.port.TokenSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link TokenSource} for core tests: mints numbered tokens of a set lifetime on the given clock,
 * counts calls, and can be told to fail or to hold each call until released.
 */
public final class ScriptedTokenSource implements TokenSource {

  private final Clock clock;
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger minted = new AtomicInteger();
  private final AtomicReference<TokenException> failure = new AtomicReference<>();
  private final AtomicReference<CountDownLatch> gate = new AtomicReference<>();
  private final List<AccessToken> issued = new CopyOnWriteArrayList<>();
  private volatile Duration lifetime = Duration.ofHours(1);

  /**
   * Creates a source on a clock that mints one-hour tokens.
   *
   * @param clock the clock that dates the tokens
   */
  public ScriptedTokenSource(Clock clock) {
    this.clock = clock;
  }

  /**
   * Sets the lifetime of the tokens minted from now on.
   *
   * @param newLifetime the lifetime
   * @return this source
   */
  public ScriptedTokenSource lifetime(Duration newLifetime) {
    this.lifetime = newLifetime;
    return this;
  }

  /**
   * Makes every call fail with the given error until {@link #succeed()}.
   *
   * @param error the error to throw
   */
  public void failWith(TokenException error) {
    failure.set(error);
  }

  /** Makes calls succeed again. */
  public void succeed() {
    failure.set(null);
  }

  /** Makes each call wait until {@link #release()}. */
  public void hold() {
    gate.set(new CountDownLatch(1));
  }

  /** Lets held calls, and every later one, proceed. */
  public void release() {
    CountDownLatch latch = gate.getAndSet(null);
    if (latch != null) {
      latch.countDown();
    }
  }

  @Override
  public AccessToken mint(TokenKey key) {
    calls.incrementAndGet();
    java.time.Instant sent = clock.now();
    CountDownLatch latch = gate.get();
    if (latch != null) {
      try {
        if (!latch.await(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("a held mint was never released");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    TokenException error = failure.get();
    if (error != null) {
      throw error;
    }
    AccessToken token = AccessToken.of("minted-" + minted.incrementAndGet() + "-" + key.slot(), "bearer",
        List.of("user:read:admin"), null, sent, sent.plus(lifetime));
    issued.add(token);
    return token;
  }

  /** Returns how many calls were made, successful or not. */
  public int calls() {
    return calls.get();
  }

  /** Returns how many tokens were minted. */
  public int minted() {
    return minted.get();
  }

  /** Returns the tokens minted so far, in order. */
  public List<AccessToken> issued() {
    return List.copyOf(issued);
  }
}
