/**
 * Test fixtures shipped in this module's test jar: a real {@code redis-server} child process that
 * tests can kill, pause and restart, with or without TLS ({@link
 * dev.tokenmanager.redis.testing.RedisServerProcess}); a Sentinel deployment that fails over ({@link
 * dev.tokenmanager.redis.testing.RedisSentinelSetup}); a three-master cluster whose masters can be
 * killed ({@link dev.tokenmanager.redis.testing.RedisClusterSetup}); a throw-away CA and server
 * certificate ({@link dev.tokenmanager.redis.testing.TestCertificates}); and the resolution of a Redis
 * for integration tests ({@link dev.tokenmanager.redis.testing.TestRedis}, {@link
 * dev.tokenmanager.redis.testing.RedisExtension}). Every fixture that needs a binary ({@code
 * redis-server}, {@code redis-cli}, {@code openssl}) fails the test when it is missing and {@code
 * CI=true}, and skips it elsewhere. Each one kills the processes it started when closed.
 */
package dev.tokenmanager.redis.testing;
