package dev.tokenmanager.redis.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The Testcontainers side of {@link TestRedis}, in a class of its own so that a project without
 * Testcontainers on its test class path can still use the other sources.
 */
final class ContainerRedis {

  private static final int REDIS_PORT = 6379;

  private ContainerRedis() {}

  static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (LinkageError | RuntimeException e) {
      return false;
    }
  }

  static TestRedis start() {
    GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse("redis:7")).withExposedPorts(REDIS_PORT);
    container.start();
    return new TestRedis("redis://" + container.getHost() + ":" + container.getMappedPort(REDIS_PORT),
        TestRedis.Source.CONTAINER, container::stop);
  }
}
