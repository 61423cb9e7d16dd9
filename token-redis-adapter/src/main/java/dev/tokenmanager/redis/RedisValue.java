package dev.tokenmanager.redis;

import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.nio.ByteBuffer;

/**
 * A value as the store's connection carries it: its text is a stored token, a lease owner or a
 * backoff record, and its {@link #toString()} shows only its length. Lettuce prints command results
 * at DEBUG ({@code CommandHandler}: "Completing command … output=…"); with this value type what it
 * prints is {@code <612 chars>}, never a token, whatever the application's logging configuration.
 */
final class RedisValue {

  /** Keys as UTF-8 strings, values as {@link RedisValue}s. */
  static final RedisCodec<String, RedisValue> CODEC = new Codec();

  private final String text;

  private RedisValue(String text) {
    this.text = text;
  }

  static RedisValue of(String text) {
    return new RedisValue(text);
  }

  /** Returns the text of a value, or null for an absent one. */
  static String textOf(RedisValue value) {
    return value == null ? null : value.text;
  }

  String text() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RedisValue other && text.equals(other.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return "<" + text.length() + " chars>";
  }

  private static final class Codec implements RedisCodec<String, RedisValue> {
    @Override
    public String decodeKey(ByteBuffer bytes) {
      return StringCodec.UTF8.decodeKey(bytes);
    }

    @Override
    public RedisValue decodeValue(ByteBuffer bytes) {
      return new RedisValue(StringCodec.UTF8.decodeValue(bytes));
    }

    @Override
    public ByteBuffer encodeKey(String key) {
      return StringCodec.UTF8.encodeKey(key);
    }

    @Override
    public ByteBuffer encodeValue(RedisValue value) {
      return StringCodec.UTF8.encodeValue(value == null ? null : value.text);
    }
  }
}
