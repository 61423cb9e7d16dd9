package dev.tokenmanager.redis;

import static dev.tokenmanager.core.testing.TokenBuilder.aKey;
import static dev.tokenmanager.core.testing.TokenBuilder.aToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenmanager.core.EncryptingTokenStore;
import dev.tokenmanager.core.TokenKeyring;
import dev.tokenmanager.core.event.TokenEvent;
import dev.tokenmanager.core.event.TokenEventListener;
import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.model.TokenKey;
import dev.tokenmanager.core.port.TokenStore;
import dev.tokenmanager.core.testing.ManualClock;
import dev.tokenmanager.core.testing.TokenStoreContract;
import dev.tokenmanager.redis.testing.RedisExtension;
import dev.tokenmanager.redis.testing.TestRedis;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Encryption at rest over a real Redis: the store contract through {@link EncryptingTokenStore}, and
 * what an attacker with access to Redis can and cannot do with the values it finds there.
 */
@ExtendWith(RedisExtension.class)
class EncryptedRedisStoreIT extends TokenStoreContract {

  private static final String TOKEN_VALUE =
      "eyJzdiI6IjAwMDAwMSIsImFsZyI6IkhTNTEyIn0.eyJhdWQiOiJodHRwczovL29hdXRoLnpvb20udXMiLCJ1aWQiOiJxX3Q0In0.Zm9vYmFy";
  private static final String KEY_1 = Base64.getEncoder().encodeToString(filled(7));
  private static final String KEY_2 = Base64.getEncoder().encodeToString(filled(8));
  private static final TokenKeyring KEYRING = TokenKeyring.fromBase64(KEY_1);

  private static TestRedis redis;
  private static RawRedis raw;

  private final List<TokenEvent> events = new CopyOnWriteArrayList<>();
  private final TokenKey key = aKey();
  private String prefix;
  private RedisKeys keys;

  @BeforeAll
  static void connect(TestRedis testRedis) {
    redis = testRedis;
    raw = RawRedis.connect(redis.uri());
  }

  @AfterAll
  static void disconnect() {
    if (raw != null) {
      raw.close();
    }
  }

  @Override
  protected TokenStore createStore(ManualClock clock) {
    prefix = "tm:enc-it:" + UUID.randomUUID() + ":";
    keys = new RedisKeys(prefix);
    return encrypted(KEYRING, clock);
  }

  private EncryptingTokenStore encrypted(TokenKeyring keyring, ManualClock on) {
    RedisTokenStore redisStore = RedisTokenStore.create(RedisStoreConfig.of(redis.uri()).withKeyPrefix(prefix), on,
        events::add);
    StoreAwait.awaitWorking(redisStore);
    return EncryptingTokenStore.wrap(redisStore, keyring, on, events::add);
  }

  /** Redis expires leases and backoff records on real time: wait for it, up to 3 s. */
  @Override
  protected boolean awaitTrue(Callable<Boolean> condition) {
    try {
      await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(20)).until(condition);
      return true;
    } catch (ConditionTimeoutException e) {
      return false;
    }
  }

  @AfterEach
  void removeKeys() {
    raw.deleteAll(prefix);
  }

  private static byte[] filled(int value) {
    byte[] bytes = new byte[32];
    java.util.Arrays.fill(bytes, (byte) value);
    return bytes;
  }

  private String rawToken(TokenKey tokenKey) {
    return raw.commands().get(keys.token(tokenKey));
  }

  private static String accessTokenOf(String json) {
    int start = json.indexOf("\"access_token\":\"") + "\"access_token\":\"".length();
    return json.substring(start, json.indexOf('"', start));
  }

  private List<TokenEvent.StoreValueRejected> rejections() {
    return events.stream().filter(TokenEvent.StoreValueRejected.class::isInstance)
        .map(TokenEvent.StoreValueRejected.class::cast).toList();
  }

  @Test
  void saveIfNewer_rawValueReadWithAPlainGet_holdsNoSixCharactersOfTheToken() {
    AccessToken token = aToken().value(TOKEN_VALUE).scopes("meeting:read").build();

    store.saveIfNewer(key, token);

    String json = rawToken(key);
    for (int i = 0; i + 6 <= TOKEN_VALUE.length(); i++) {
      assertThat(json).as("6 characters of the token at %d", i).doesNotContain(TOKEN_VALUE.substring(i, i + 6));
    }
    assertThat(accessTokenOf(json)).startsWith("tmenc1." + KEYRING.currentKeyId() + ".");
    assertThat(json).contains("\"expires_at\":" + token.expiresAtMillis()).contains("\"scope\":\"meeting:read\"");
    assertThat(store.load(key)).hasValueSatisfying(loaded -> assertThat(loaded.value()).isEqualTo(TOKEN_VALUE));
  }

  @Test
  void load_rawValueTamperedInRedis_isAMissAndReported() {
    store.saveIfNewer(key, aToken().value(TOKEN_VALUE).build());
    String json = rawToken(key);
    String sealed = accessTokenOf(json);
    int middle = sealed.lastIndexOf('.') + (sealed.length() - sealed.lastIndexOf('.')) / 2;
    String tampered = sealed.substring(0, middle) + (sealed.charAt(middle) == 'A' ? 'B' : 'A')
        + sealed.substring(middle + 1);

    raw.commands().set(keys.token(key), json.replace(sealed, tampered), SetArgs.Builder.keepttl());

    assertThat(store.load(key)).isEmpty();
    assertThat(rejections()).singleElement().satisfies(event -> {
      assertThat(event.key()).isEqualTo(key);
      assertThat(event.reason()).contains("does not authenticate").doesNotContain(sealed.substring(16, 28));
    });
  }

  @Test
  void load_clearExpiryExtendedInRedis_isAMiss() {
    AccessToken token = aToken().value(TOKEN_VALUE).build();
    store.saveIfNewer(key, token);
    String json = rawToken(key);

    raw.commands().set(keys.token(key), json.replace("\"expires_at\":" + token.expiresAtMillis(),
        "\"expires_at\":" + (token.expiresAtMillis() + Duration.ofDays(1).toMillis())));

    assertThat(store.load(key)).isEmpty();
    assertThat(rejections()).hasSize(1);
  }

  @Test
  void load_rawValueCopiedUnderAnotherKeysRedisKey_isAMiss() {
    store.saveIfNewer(key, aToken().value(TOKEN_VALUE).build());
    TokenKey otherAccount = TokenKey.of("zoom.us", "account-2", "client-1");
    TokenKey otherSlot = key.withSlot(1);

    raw.commands().set(keys.token(otherAccount), rawToken(key));
    raw.commands().set(keys.token(otherSlot), rawToken(key));

    assertThat(store.load(otherAccount)).isEmpty();
    assertThat(store.load(otherSlot)).isEmpty();
    assertThat(rejections()).extracting(TokenEvent::key).containsExactly(otherAccount, otherSlot);
    assertThat(store.load(key)).isPresent();
  }

  @Test
  void saveIfNewer_overAPlaintextValueLeftFromBeforeEncryption_isAMissThenReplaced() {
    RedisTokenStore plain = RedisTokenStore.create(RedisStoreConfig.of(redis.uri()).withKeyPrefix(prefix), clock,
        TokenEventListener.noop());
    try {
      plain.saveIfNewer(key, aToken().value(TOKEN_VALUE).lifetime(Duration.ofMinutes(30)).build());
    } finally {
      plain.close();
    }
    assertThat(store.load(key)).isEmpty();

    AccessToken sealedNext = aToken().lifetime(Duration.ofMinutes(60)).build();
    assertThat(store.saveIfNewer(key, sealedNext)).isEqualTo(sealedNext);
    assertThat(store.load(key)).contains(sealedNext);
    assertThat(rawToken(key)).doesNotContain(TOKEN_VALUE.substring(0, 6));
  }

  @Test
  void keyRotation_processOnTheNewKeyReadsOldValues_andItsWritesUseTheNewKeyId() {
    AccessToken before = aToken().value(TOKEN_VALUE).lifetime(Duration.ofMinutes(50)).build();
    store.saveIfNewer(key, before);
    TokenKeyring rotated = TokenKeyring.fromBase64(KEY_2, List.of(KEY_1));
    EncryptingTokenStore afterRotation = encrypted(rotated, clock);
    try {
      assertThat(afterRotation.load(key)).contains(before);

      AccessToken after = aToken().lifetime(Duration.ofMinutes(60)).build();
      afterRotation.saveIfNewer(key, after);

      assertThat(accessTokenOf(rawToken(key))).startsWith("tmenc1." + rotated.currentKeyId() + ".");
      assertThat(afterRotation.load(key)).contains(after);
      assertThat(afterRotation.evictIfSame(key, after)).isTrue();
      assertThat(rawToken(key)).isNull();
    } finally {
      afterRotation.close();
    }
  }
}
