package dev.tokenmanager.redis;

import dev.tokenmanager.core.model.TokenKey;
import java.nio.charset.StandardCharsets;

/**
 * Names the Redis keys of a {@link TokenKey}:
 *
 * <pre>
 * &lt;prefix&gt;{&lt;host&gt;|&lt;account&gt;|&lt;client&gt;|&lt;slot&gt;}:token
 * &lt;prefix&gt;{&lt;host&gt;|&lt;account&gt;|&lt;client&gt;|&lt;slot&gt;}:lease
 * &lt;prefix&gt;{&lt;host&gt;|&lt;account&gt;|&lt;client&gt;|&lt;slot&gt;}:backoff
 * </pre>
 *
 * <p>The braces are a Redis Cluster hash tag: the three keys of one token key hash to the same slot,
 * so they live on one node (and one script may touch them together). Each component is
 * percent-encoded as UTF-8: every byte outside {@code A-Z a-z 0-9 - . _ ~} becomes {@code %XX}, so
 * braces, {@code |}, {@code :}, {@code %}, {@code +}, white space and non-ASCII characters never
 * appear raw and no two token keys share a name. Keys hold no secret.
 */
final class RedisKeys {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private final String prefix;

  RedisKeys(String prefix) {
    this.prefix = prefix;
  }

  String token(TokenKey key) {
    return base(key) + ":token";
  }

  String lease(TokenKey key) {
    return base(key) + ":lease";
  }

  String backoff(TokenKey key) {
    return base(key) + ":backoff";
  }

  /** Returns the hash tag of a key, braces included, such as {@code {zoom.us|acct|client|0}}. */
  static String hashTag(TokenKey key) {
    return "{" + encode(key.oauthHost()) + "|" + encode(key.accountId()) + "|" + encode(key.clientId()) + "|"
        + key.slot() + "}";
  }

  /**
   * Percent-encodes one component.
   *
   * @param component the text
   * @return the text with every byte outside the unreserved set written as {@code %XX}
   */
  static String encode(String component) {
    StringBuilder sb = new StringBuilder(component.length() + 8);
    for (byte b : component.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~') {
        sb.append((char) c);
      } else {
        sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    return sb.toString();
  }

  private String base(TokenKey key) {
    return prefix + hashTag(key);
  }
}
