package dev.tokenmanager.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A constant Lua script and its SHA-1 digest, run with {@code EVALSHA} and, when the server lost its
 * script cache ({@code NOSCRIPT}), once with {@code EVAL} (which caches it again).
 *
 * @param name a short name for messages
 * @param source the script text
 * @param sha the lower-case hex SHA-1 of the text, as Redis names the script
 */
record LuaScript(String name, String source, String sha) {

  LuaScript {
    if (name == null || name.isBlank() || source == null || source.isBlank()) {
      throw new IllegalArgumentException("name and source must not be blank, but name was " + name);
    }
    if (sha == null || !sha.matches("[0-9a-f]{40}")) {
      throw new IllegalArgumentException("sha must be 40 lower-case hex digits, but was " + sha);
    }
  }

  static LuaScript of(String name, String source) {
    return new LuaScript(name, source, sha1(source));
  }

  /**
   * Runs the script on one key with {@code EVALSHA}; if the server does not know it ({@code
   * NOSCRIPT}: restart, failover, {@code SCRIPT FLUSH}), runs it once with {@code EVAL}, which caches
   * it again. In a cluster both go to the master of the key's slot.
   */
  @SuppressWarnings("unchecked")
  <T> T run(RedisClusterCommands<String, RedisValue> commands, ScriptOutputType type, String key, String... args) {
    String[] keys = {key};
    RedisValue[] values = new RedisValue[args.length];
    for (int i = 0; i < args.length; i++) {
      values[i] = RedisValue.of(args[i]);
    }
    Object result;
    try {
      result = commands.evalsha(sha, type, keys, values);
    } catch (RedisNoScriptException e) {
      result = commands.eval(source, type, keys, values);
    }
    // A VALUE result is a stored value: callers get its text.
    return (T) (result instanceof RedisValue value ? value.text() : result);
  }

  private static String sha1(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
      StringBuilder sb = new StringBuilder(40);
      for (byte b : digest) {
        sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every JDK", e);
    }
  }

  @Override
  public String toString() {
    return "LuaScript[" + name + ", sha=" + sha + "]";
  }
}
