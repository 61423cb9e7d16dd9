package dev.tokenmanager.bench;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;

/** Deletes the keys a benchmark wrote, by a prefix or pattern unique to it (never anything else). */
final class RedisKeyCleaner {

  private RedisKeyCleaner() {}

  /**
   * Deletes every key that starts with {@code prefix}.
   *
   * @param redisUri the Redis
   * @param prefix a prefix unique to one run, such as {@code tm:bench:<uuid>:}
   * @return how many keys were deleted
   */
  static long deleteByPrefix(String redisUri, String prefix) {
    return deleteByPattern(redisUri, escape(prefix) + "*");
  }

  /**
   * Deletes every key that matches a Redis glob pattern.
   *
   * @param redisUri the Redis
   * @param pattern a pattern unique to one run
   * @return how many keys were deleted
   */
  static long deleteByPattern(String redisUri, String pattern) {
    RedisClient client = RedisClient.create(redisUri);
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      long deleted = 0;
      ScanCursor cursor = ScanCursor.INITIAL;
      do {
        KeyScanCursor<String> page = connection.sync().scan(cursor, ScanArgs.Builder.matches(pattern).limit(500));
        if (!page.getKeys().isEmpty()) {
          deleted += connection.sync().del(page.getKeys().toArray(new String[0]));
        }
        cursor = page;
      } while (!cursor.isFinished());
      return deleted;
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
  }

  private static String escape(String literal) {
    return literal.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
  }
}
