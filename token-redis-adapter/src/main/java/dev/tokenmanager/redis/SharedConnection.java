package dev.tokenmanager.redis;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

/**
 * The store's one connection and its synchronous commands. Standalone, Sentinel and cluster commands
 * meet in {@link RedisClusterCommands}, which has every command the store uses.
 *
 * @param connection the connection, to close
 * @param commands its synchronous commands
 */
record SharedConnection(StatefulConnection<String, RedisValue> connection, RedisClusterCommands<String, RedisValue> commands) {}
