package dev.tokenmanager.core;

import static dev.tokenmanager.core.testing.TokenBuilder.aKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.model.TokenKey;
import dev.tokenmanager.core.testing.InMemoryTokenStore;
import dev.tokenmanager.core.testing.ManualClock;
import dev.tokenmanager.core.testing.ScriptedTokenSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TokenPoolTest {

  private static final TokenKey KEY = aKey();

  private final ManualClock clock = ManualClock.create();
  private final ScriptedTokenSource source = new ScriptedTokenSource(clock);
  private final TokenManager manager = TokenManager.builder(source, new InMemoryTokenStore(clock))
      .clock(clock).executor(Runnable::run).random(() -> 0.5).build();

  @AfterEach
  void close() {
    manager.close();
  }

  @Test
  void pool_fourSlotsOverThreeRotations_fourMintsPerRotation_noTwoSlotsExpireInTheSameMinute() {
    TokenPool pool = manager.pool(KEY, 4, TokenPool.Assignment.STABLE);
    pool.slots().forEach(TokenPool.Slot::token);
    assertThat(source.minted()).isEqualTo(4);
    long start = clock.millis();

    // One rotation period of a one-hour token is 52.5 minutes (issue to the middle of the window).
    long period = Duration.ofMinutes(52).plusSeconds(30).toMillis();
    long from = start + Duration.ofHours(1).toMillis();
    for (int minute = 0; minute < 4 * 60; minute++) {
      clock.advance(Duration.ofMinutes(1));
    }

    List<AccessToken> rotated = source.issued().subList(4, source.issued().size());
    Map<Integer, Long> perSlot = rotated.stream()
        .filter(t -> t.issuedAt().toEpochMilli() >= from && t.issuedAt().toEpochMilli() < from + 3 * period)
        .collect(Collectors.groupingBy(t -> Integer.parseInt(t.value().substring(t.value().lastIndexOf('-') + 1)),
            Collectors.counting()));
    assertThat(perSlot).as("mints per slot in three rotation periods").containsOnlyKeys(0, 1, 2, 3)
        .allSatisfy((slot, mints) -> assertThat(mints).isEqualTo(3L));
    Set<Long> expiryMinutes = new HashSet<>();
    for (AccessToken token : rotated) {
      assertThat(expiryMinutes.add(token.expiresAtMillis() / 60_000)).as("expiry minute of %s", token).isTrue();
    }
    pool.slots().forEach(slot -> assertThat(slot.token().expiresAtMillis()).isGreaterThan(clock.millis()));
  }

  @Test
  void assign_thousandJobsByStableHash_spreadWithinTenPercentAndKeepTheirSlot() {
    TokenPool pool = manager.pool(KEY, 4, TokenPool.Assignment.STABLE);
    Map<Integer, Integer> counts = new HashMap<>();

    for (int job = 1; job <= 1000; job++) {
      TokenPool.Slot slot = pool.assign("job-" + job);
      assertThat(pool.assign("job-" + job)).isSameAs(slot);
      counts.merge(slot.index(), 1, Integer::sum);
    }

    assertThat(counts).containsOnlyKeys(0, 1, 2, 3).allSatisfy((slot, n) -> assertThat(n).isBetween(225, 275));
  }

  @Test
  void assign_roundRobin_spreadsExactlyEvenly() {
    TokenPool pool = manager.pool(KEY, 4, TokenPool.Assignment.ROUND_ROBIN);
    Map<Integer, Integer> counts = new HashMap<>();

    for (int job = 0; job < 1000; job++) {
      counts.merge(pool.assign("job-" + job).index(), 1, Integer::sum);
    }

    assertThat(counts).containsOnly(Map.entry(0, 250), Map.entry(1, 250), Map.entry(2, 250), Map.entry(3, 250));
  }

  @Test
  void slots_eachHaveTheirOwnTokenAndKey() {
    TokenPool pool = manager.pool(KEY, 3, TokenPool.Assignment.STABLE);

    Set<AccessToken> tokens = pool.slots().stream().map(TokenPool.Slot::token).collect(Collectors.toSet());

    assertThat(tokens).hasSize(3);
    assertThat(pool.slots()).extracting(TokenPool.Slot::key).containsExactly(KEY, KEY.withSlot(1), KEY.withSlot(2));
    assertThat(pool.token("job-7")).isEqualTo(pool.assign("job-7").token());
  }

  @Test
  void pool_sizeOutOfRange_isRejectedWithTheValue() {
    assertThatThrownBy(() -> manager.pool(KEY, 0, TokenPool.Assignment.STABLE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pool size must be between 1 and 64, but was 0");
  }

  @Test
  void pool_slotKeyAlreadyUsedOutsideThePool_isRefused() {
    manager.token(KEY.withSlot(1));

    assertThatThrownBy(() -> manager.pool(KEY, 2, TokenPool.Assignment.STABLE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already in use");
  }
}
