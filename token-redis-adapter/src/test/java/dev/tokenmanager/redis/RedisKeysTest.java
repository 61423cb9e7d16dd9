package dev.tokenmanager.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmanager.core.model.TokenKey;
import io.lettuce.core.cluster.SlotHash;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RedisKeysTest {

  private final RedisKeys keys = new RedisKeys("tm:");

  @Test
  void names_plainKey_followTheDocumentedLayout() {
    TokenKey key = new TokenKey("zoom.us", "account-1", "client_1", 3);

    assertThat(keys.token(key)).isEqualTo("tm:{zoom.us|account-1|client_1|3}:token");
    assertThat(keys.lease(key)).isEqualTo("tm:{zoom.us|account-1|client_1|3}:lease");
    assertThat(keys.backoff(key)).isEqualTo("tm:{zoom.us|account-1|client_1|3}:backoff");
  }

  @Test
  void names_specialCharacters_arePercentEncoded() {
    TokenKey key = TokenKey.of("ZoomGov.com", "a{b}:c+d|e%f~g", "ü/é@x");

    assertThat(keys.token(key)).isEqualTo("tm:{zoomgov.com|a%7Bb%7D%3Ac%2Bd%7Ce%25f~g|%C3%BC%2F%C3%A9%40x|0}:token");
  }

  @Test
  void names_componentsThatWouldCollideUnencoded_stayDistinct() {
    List<TokenKey> tricky = List.of(
        TokenKey.of("h", "a|b", "c"), TokenKey.of("h", "a", "b|c"),
        TokenKey.of("h", "a%7Cb", "c"), TokenKey.of("h", "a}:x", "c"), TokenKey.of("h", "a", "c").withSlot(1));
    Set<String> names = new HashSet<>();

    for (TokenKey key : tricky) {
      names.add(keys.token(key));
    }

    assertThat(names).hasSize(tricky.size());
  }

  @Test
  void names_ofOneTokenKey_shareOneClusterSlot() {
    TokenKey key = TokenKey.of("zoom.us", "{a}:b+c", "}{");
    int slot = SlotHash.getSlot(keys.token(key));

    assertThat(SlotHash.getSlot(keys.lease(key))).isEqualTo(slot);
    assertThat(SlotHash.getSlot(keys.backoff(key))).isEqualTo(slot);
    assertThat(SlotHash.getSlot(RedisKeys.hashTag(key).substring(1, RedisKeys.hashTag(key).length() - 1)))
        .isEqualTo(slot);
  }

  @Test
  void names_emptyPrefix_startWithTheHashTag() {
    assertThat(new RedisKeys("").token(TokenKey.of("zoom.us", "a", "c"))).isEqualTo("{zoom.us|a|c|0}:token");
  }
}
