package dev.tokenmanager.core;

import static dev.tokenmanager.core.testing.TokenBuilder.aKey;
import static dev.tokenmanager.core.testing.TokenBuilder.aToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmanager.core.error.StoreUnavailableException;
import dev.tokenmanager.core.event.TokenEvent;
import dev.tokenmanager.core.event.TokenEventListener;
import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.model.TokenKey;
import dev.tokenmanager.core.port.TokenStore;
import dev.tokenmanager.core.testing.InMemoryTokenStore;
import dev.tokenmanager.core.testing.ManualClock;
import dev.tokenmanager.core.testing.TokenStoreContract;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EncryptingTokenStoreTest {

  private static final String TOKEN_VALUE = "eyJhbGciOiJIUzUxMiJ9.eyJhdWQiOiJodHRwczovL29hdXRoLnpvb20udXMifQ.c2lnbmF0dXJl";
  private static final TokenKeyring KEYRING = TokenKeyring.fromBase64(TokenKeyringTest.KEY_A);

  private final ManualClock clock = ManualClock.create();
  private final InMemoryTokenStore inner = new InMemoryTokenStore(clock);
  private final List<TokenEvent> events = new CopyOnWriteArrayList<>();
  private final EncryptingTokenStore store = encrypting(KEYRING);
  private final TokenKey key = aKey();

  /** The store contract, through encryption over the in-memory store. */
  @Nested
  class Contract extends TokenStoreContract {
    @Override
    protected TokenStore createStore(ManualClock contractClock) {
      return EncryptingTokenStore.wrap(new InMemoryTokenStore(contractClock), KEYRING, contractClock,
          TokenEventListener.noop());
    }
  }

  private EncryptingTokenStore encrypting(TokenKeyring keyring) {
    return EncryptingTokenStore.wrap(inner, keyring, clock, events::add);
  }

  /** Returns the inner store with one operation replaced. */
  private TokenStore replacing(String operation, java.util.function.Function<Object[], Object> replacement) {
    return (TokenStore) Proxy.newProxyInstance(TokenStore.class.getClassLoader(), new Class<?>[] {TokenStore.class},
        (proxy, method, args) -> {
          if (method.getName().equals(operation)) {
            return replacement.apply(args);
          }
          try {
            return method.invoke(inner, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private AccessToken sealedInInner() {
    return inner.load(key).orElseThrow();
  }

  /** Replaces what the inner store holds, whatever its expiry. */
  private void plant(AccessToken value) {
    inner.load(key).ifPresent(stored -> inner.evictIfSame(key, stored));
    inner.saveIfNewer(key, value);
  }

  private List<TokenEvent.StoreValueRejected> rejections() {
    return events.stream().filter(TokenEvent.StoreValueRejected.class::isInstance)
        .map(TokenEvent.StoreValueRejected.class::cast).toList();
  }

  @Test
  void saveIfNewer_aToken_innerStoreHoldsTheValueSealedAndNoSixCharactersOfIt() {
    AccessToken token = aToken().value(TOKEN_VALUE).scopes("meeting:read").apiUrl("https://eu01api.zoom.us").build();

    assertThat(store.saveIfNewer(key, token)).isSameAs(token);

    AccessToken sealed = sealedInInner();
    assertThat(sealed.value()).startsWith("tmenc1." + KEYRING.currentKeyId() + ".");
    for (int i = 0; i + 6 <= TOKEN_VALUE.length(); i++) {
      assertThat(sealed.value()).doesNotContain(TOKEN_VALUE.substring(i, i + 6));
    }
    assertThat(sealed.expiresAt()).isEqualTo(token.expiresAt());
    assertThat(sealed.issuedAt()).isEqualTo(token.issuedAt());
    assertThat(sealed.scopes()).containsExactly("meeting:read");
    assertThat(sealed.apiUrl()).isEqualTo("https://eu01api.zoom.us");
    assertThat(store.load(key)).hasValueSatisfying(loaded -> assertThat(loaded.value()).isEqualTo(TOKEN_VALUE));
  }

  @Test
  void saveIfNewer_sameTokenUnderTwoKeys_sealsWithAFreshNonceEachTime() {
    AccessToken token = aToken().value(TOKEN_VALUE).build();
    TokenKey other = key.withSlot(1);

    store.saveIfNewer(key, token);
    store.saveIfNewer(other, token);

    assertThat(inner.load(key).orElseThrow().value()).isNotEqualTo(inner.load(other).orElseThrow().value());
  }

  @Test
  void load_sealedValueCopiedUnderAnotherKey_isAMissAndReported() {
    store.saveIfNewer(key, aToken().value(TOKEN_VALUE).build());
    TokenKey otherAccount = TokenKey.of("zoom.us", "account-2", "client-1");

    inner.saveIfNewer(otherAccount, sealedInInner());

    assertThat(store.load(otherAccount)).isEmpty();
    assertThat(rejections()).singleElement().satisfies(event -> {
      assertThat(event.key()).isEqualTo(otherAccount);
      assertThat(event.at()).isEqualTo(clock.now());
      assertThat(event.reason()).contains("does not authenticate under key id " + KEYRING.currentKeyId());
    });
    assertThat(store.load(key)).isPresent();
  }

  @Test
  void load_oneByteOfTheCiphertextFlipped_isAMissAndReported() {
    store.saveIfNewer(key, aToken().value(TOKEN_VALUE).build());
    AccessToken sealed = sealedInInner();
    String prefix = sealed.value().substring(0, sealed.value().lastIndexOf('.') + 1);
    byte[] payload = Base64.getUrlDecoder().decode(sealed.value().substring(prefix.length()));
    payload[20] ^= 0x01;

    plant(sealed.withValue(prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(payload)));

    assertThat(store.load(key)).isEmpty();
    assertThat(rejections()).singleElement().extracting(TokenEvent.StoreValueRejected::reason).asString()
        .contains("tampered with");
  }

  @Test
  void load_clearExpiryExtended_isAMiss() {
    AccessToken token = aToken().value(TOKEN_VALUE).build();
    store.saveIfNewer(key, token);
    AccessToken sealed = sealedInInner();

    plant(AccessToken.of(sealed.value(), sealed.tokenType(), sealed.scopes(), sealed.apiUrl(), sealed.issuedAt(),
        sealed.expiresAt().plus(Duration.ofHours(1))));

    assertThat(store.load(key)).isEmpty();
    assertThat(rejections()).hasSize(1);
  }

  @Test
  void load_clearApiUrlPointedElsewhere_isAMiss() {
    store.saveIfNewer(key, aToken().value(TOKEN_VALUE).build());
    AccessToken sealed = sealedInInner();

    plant(AccessToken.of(sealed.value(), sealed.tokenType(), sealed.scopes(), "https://attacker.example",
        sealed.issuedAt(), sealed.expiresAt()));

    assertThat(store.load(key)).isEmpty();
  }

  @Test
  void load_plaintextValue_isAMissAndReportedWithoutTheValue() {
    inner.saveIfNewer(key, aToken().value(TOKEN_VALUE).build());

    assertThat(store.load(key)).isEmpty();
    assertThat(rejections()).singleElement().extracting(TokenEvent.StoreValueRejected::reason).asString()
        .contains("not sealed").doesNotContain(TOKEN_VALUE.substring(0, 6));
  }

  @Test
  void load_malformedSealedValues_areMisses() {
    AccessToken token = aToken().value(TOKEN_VALUE).build();
    for (String malformed : List.of("tmenc1.", "tmenc1.zzzzzzzz.AAAA", "tmenc1." + KEYRING.currentKeyId() + ".%%%",
        "tmenc1." + KEYRING.currentKeyId() + ".AAAA", "tmenc2.abcdef01.AAAA")) {
      plant(token.withValue(malformed));

      assertThat(store.load(key)).as(malformed).isEmpty();
    }
    assertThat(rejections()).hasSize(5).extracting(TokenEvent.StoreValueRejected::reason)
        .allSatisfy(reason -> assertThat(reason).doesNotContain("AAAA").doesNotContain("%%%"));
  }

  @Test
  void load_sealedWithAKeyNotInTheKeyring_isAMissNamingTheKeyIds() {
    TokenKeyring other = TokenKeyring.fromBase64(TokenKeyringTest.KEY_B);
    encrypting(other).saveIfNewer(key, aToken().value(TOKEN_VALUE).build());

    assertThat(store.load(key)).isEmpty();
    assertThat(rejections()).singleElement().extracting(TokenEvent.StoreValueRejected::reason).asString()
        .contains("key id " + other.currentKeyId() + ", which is not in the keyring [" + KEYRING.currentKeyId() + "]");
  }

  @Test
  void load_afterRotation_valuesSealedWithThePreviousKeyStillOpen_newValuesUseTheNewKey() {
    AccessToken before = aToken().value(TOKEN_VALUE).lifetime(Duration.ofMinutes(50)).build();
    store.saveIfNewer(key, before);
    TokenKeyring rotated = TokenKeyring.fromBase64(TokenKeyringTest.KEY_B, List.of(TokenKeyringTest.KEY_A));
    EncryptingTokenStore afterRotation = encrypting(rotated);

    assertThat(afterRotation.load(key)).hasValueSatisfying(t -> assertThat(t.value()).isEqualTo(TOKEN_VALUE));

    AccessToken after = aToken().lifetime(Duration.ofMinutes(60)).build();
    assertThat(afterRotation.saveIfNewer(key, after)).isEqualTo(after);
    assertThat(sealedInInner().value()).startsWith("tmenc1." + rotated.currentKeyId() + ".");
    assertThat(afterRotation.load(key)).contains(after);
    assertThat(store.load(key)).as("a process still on the old keyring cannot open it").isEmpty();
    assertThat(rejections()).hasSize(1);
  }

  @Test
  void saveIfNewer_newerValueSealedWithAPreviousKey_returnsItOpened() {
    AccessToken newer = aToken().lifetime(Duration.ofMinutes(60)).build();
    store.saveIfNewer(key, newer);
    EncryptingTokenStore rotated = encrypting(
        TokenKeyring.fromBase64(TokenKeyringTest.KEY_B, List.of(TokenKeyringTest.KEY_A)));

    AccessToken result = rotated.saveIfNewer(key, aToken().lifetime(Duration.ofMinutes(30)).build());

    assertThat(result).isEqualTo(newer);
    assertThat(result.value()).isEqualTo(newer.value());
    assertThat(events).isEmpty();
  }

  @Test
  void saveIfNewer_newerValueThatDoesNotOpen_isReportedReplacedAndOursReturned() {
    inner.saveIfNewer(key, aToken().value(TOKEN_VALUE).lifetime(Duration.ofMinutes(60)).build());
    AccessToken ours = aToken().lifetime(Duration.ofMinutes(30)).build();

    assertThat(store.saveIfNewer(key, ours)).isSameAs(ours);

    assertThat(store.load(key)).contains(ours);
    assertThat(rejections()).singleElement().extracting(TokenEvent.StoreValueRejected::reason).asString()
        .endsWith("; replacing it");
  }

  @Test
  void saveIfNewer_storeKeepsAnsweringWithUnreadableValues_givesUpWithAStoreError() {
    AccessToken garbage = aToken().value("tmenc1.00000000.AAAA").build();
    TokenStore stubborn = replacing("saveIfNewer", args -> garbage);
    EncryptingTokenStore encrypting = EncryptingTokenStore.wrap(stubborn, KEYRING, clock, events::add);

    assertThatThrownBy(() -> encrypting.saveIfNewer(key, aToken().value(TOKEN_VALUE).build()))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("do not open with keyring [" + KEYRING.currentKeyId() + "]")
        .message().doesNotContain(TOKEN_VALUE.substring(0, 6));
    assertThat(rejections()).hasSize(3);
  }

  @Test
  void evictIfSame_unreadableStoredValue_keepsItAndReturnsFalse() {
    AccessToken planted = aToken().value(TOKEN_VALUE).build();
    inner.saveIfNewer(key, planted);

    assertThat(store.evictIfSame(key, planted)).isFalse();
    assertThat(inner.load(key)).contains(planted);
  }

  @Test
  void evictIfSame_storedTokenOfAnotherValue_keepsIt() {
    AccessToken stored = aToken().build();
    store.saveIfNewer(key, stored);

    assertThat(store.evictIfSame(key, aToken().build())).isFalse();
    assertThat(store.load(key)).contains(stored);
  }

  @Test
  void innerStoreUnavailable_errorPassesThrough() {
    inner.unreachable(true);

    assertThatThrownBy(() -> store.load(key)).isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(() -> store.saveIfNewer(key, aToken().build())).isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void textForms_neverShowKeyMaterialOrTokenValues() {
    store.saveIfNewer(key, aToken().value(TOKEN_VALUE).build());
    plant(sealedInInner().withValue(TOKEN_VALUE));
    store.load(key);

    List<String> texts = new java.util.ArrayList<>(List.of(store.toString(), store.describe(), KEYRING.toString()));
    rejections().forEach(event -> texts.add(event.reason()));
    assertThat(texts).hasSize(4).allSatisfy(text -> assertThat(text)
        .doesNotContain(TokenKeyringTest.KEY_A.substring(0, 12))
        .doesNotContain(TOKEN_VALUE.substring(0, 6)));
    assertThat(store.describe()).isEqualTo("in-memory test store (encrypted, key " + KEYRING.currentKeyId() + ")");
  }

  @Test
  void wrap_nullArgument_namesIt() {
    assertThatThrownBy(() -> EncryptingTokenStore.wrap(inner, null, clock, events::add))
        .isInstanceOf(NullPointerException.class).hasMessage("keyring");
  }

  @Test
  void close_closesTheInnerStore() {
    boolean[] closed = {false};
    TokenStore closing = replacing("close", args -> closed[0] = true);

    EncryptingTokenStore.wrap(closing, KEYRING, clock, events::add).close();

    assertThat(closed[0]).isTrue();
  }
}
