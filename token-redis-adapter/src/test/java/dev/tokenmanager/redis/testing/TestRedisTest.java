package dev.tokenmanager.redis.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class TestRedisTest {

  private final List<String> started = new ArrayList<>();

  @Test
  void resolve_redisUrlSet_usesItAndStartsNothing() {
    TestRedis redis = TestRedis.resolve(sources(Map.of("REDIS_URL", "redis://ci-redis:6379"), "redis://prop:1", true, true));

    assertThat(redis.uri()).isEqualTo("redis://ci-redis:6379");
    assertThat(redis.source()).isEqualTo(TestRedis.Source.CONFIGURED);
    assertThat(started).isEmpty();
  }

  @Test
  void resolve_systemPropertySet_usesIt() {
    TestRedis redis = TestRedis.resolve(sources(Map.of(), "redis://prop:1", true, true));

    assertThat(redis.uri()).isEqualTo("redis://prop:1");
    assertThat(started).isEmpty();
  }

  @Test
  void resolve_dockerAvailable_startsAContainer() {
    TestRedis redis = TestRedis.resolve(sources(Map.of(), null, true, true));

    assertThat(redis.source()).isEqualTo(TestRedis.Source.CONTAINER);
    assertThat(started).containsExactly("container");
  }

  @Test
  void resolve_noDockerButRedisServer_startsAProcess() {
    TestRedis redis = TestRedis.resolve(sources(Map.of(), null, false, true));

    assertThat(redis.source()).isEqualTo(TestRedis.Source.LOCAL_PROCESS);
    assertThat(started).containsExactly("process");
  }

  @Test
  void resolve_nothingAvailableInCi_fails() {
    assertThatThrownBy(() -> TestRedis.resolve(sources(Map.of("CI", "true"), null, false, false)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Redis required in CI: set REDIS_URL or install redis-server");
  }

  @Test
  void resolve_nothingAvailableLocally_skips() {
    assertThatThrownBy(() -> TestRedis.resolve(sources(Map.of("CI", "false"), null, false, false)))
        .isInstanceOf(TestAbortedException.class);
  }

  @Test
  void toString_configuredUriWithPassword_masksIt() {
    TestRedis redis = TestRedis.resolve(sources(Map.of("REDIS_URL", "redis://u:s3cret@h:1"), null, false, false));

    assertThat(redis.toString()).isEqualTo("TestRedis[CONFIGURED, redis://u:****@h:1]");
  }

  private TestRedis.Sources sources(Map<String, String> env, String property, boolean docker, boolean redisServer) {
    return new TestRedis.Sources(env, property, () -> docker,
        () -> {
          started.add("container");
          return new TestRedis("redis://docker:1", TestRedis.Source.CONTAINER, null);
        },
        () -> redisServer,
        () -> {
          started.add("process");
          return new TestRedis("redis://127.0.0.1:2", TestRedis.Source.LOCAL_PROCESS, null);
        });
  }
}
