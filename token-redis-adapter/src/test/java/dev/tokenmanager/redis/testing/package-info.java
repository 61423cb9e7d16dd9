/**
 * Test fixtures shipped in this module's test jar: a real {@code redis-server} child process that
 * tests can kill, pause and restart ({@link dev.tokenmanager.redis.testing.RedisServerProcess}), and
 * the resolution of a Redis for integration tests ({@link dev.tokenmanager.redis.testing.TestRedis},
 * {@link dev.tokenmanager.redis.testing.RedisExtension}) that fails rather than skips in CI.
 */
package dev.tokenmanager.redis.testing;
