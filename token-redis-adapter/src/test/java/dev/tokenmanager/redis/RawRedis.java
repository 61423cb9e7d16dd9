package dev.tokenmanager.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import java.time.Duration;
import java.util.List;

/** A plain Lettuce connection for tests to look at and tamper with what the store wrote. */
final class RawRedis implements AutoCloseable {

  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;

  private RawRedis(RedisURI uri) {
    uri.setTimeout(Duration.ofSeconds(5));
    this.client = RedisClient.create(uri);
    this.connection = client.connect(StringCodec.UTF8);
  }

  static RawRedis connect(String uri) {
    return new RawRedis(RedisURI.create(uri));
  }

  static RawRedis connect(String uri, String password) {
    RedisURI redisUri = RedisURI.create(uri);
    redisUri.setAuthentication(password.toCharArray());
    return new RawRedis(redisUri);
  }

  RedisCommands<String, String> commands() {
    return connection.sync();
  }

  /** Starts {@code DEBUG SLEEP} without waiting: the server answers nothing for that long. */
  RedisFuture<String> debugSleep(Duration duration) {
    CommandArgs<String, String> args = new CommandArgs<>(StringCodec.UTF8).add("SLEEP")
        .add(Double.toString(duration.toMillis() / 1000.0));
    return connection.async().dispatch(CommandType.DEBUG, new StatusOutput<>(StringCodec.UTF8), args);
  }

  /** Runs a command Lettuce has no typed method for, such as {@code ACL SETUSER}. */
  String status(CommandType type, List<String> args) {
    CommandArgs<String, String> commandArgs = new CommandArgs<>(StringCodec.UTF8);
    args.forEach(commandArgs::add);
    return commands().dispatch(type, new StatusOutput<>(StringCodec.UTF8), commandArgs);
  }

  /** Returns the number of calls of a command since the last CONFIG RESETSTAT, from INFO commandstats. */
  long calls(String command) {
    for (String line : commands().info("commandstats").split("\r?\n")) {
      if (line.startsWith("cmdstat_" + command + ":calls=")) {
        String rest = line.substring(("cmdstat_" + command + ":calls=").length());
        return Long.parseLong(rest.substring(0, rest.indexOf(',')));
      }
    }
    return 0;
  }

  /** Deletes every key under a prefix (for cleaning up after a test on a shared server). */
  void deleteAll(String prefix) {
    List<String> keys = commands().keys(prefix + "*");
    if (!keys.isEmpty()) {
      commands().del(keys.toArray(String[]::new));
    }
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }
}
