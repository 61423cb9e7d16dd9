package dev.tokenmanager.redis.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that injects a {@link TestRedis} parameter (into {@code @BeforeAll}, {@code
 * @BeforeEach} or test methods), resolved once per test run and shared by every test class that uses
 * the extension; it is closed when the run ends. Resolution follows {@link TestRedis#resolve()}: a
 * test fails if {@code CI=true} and no Redis can be had, and is skipped elsewhere.
 *
 * <pre>{@code
 * @ExtendWith(RedisExtension.class)
 * class SomethingIT {
 *   @BeforeAll
 *   static void redis(TestRedis redis) { ... redis.uri() ... }
 * }
 * }</pre>
 */
public final class RedisExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RedisExtension.class);

  /** Creates the extension (JUnit does this for {@code @ExtendWith}). */
  public RedisExtension() {}

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == TestRedis.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return extensionContext.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(TestRedis.class, type -> TestRedis.resolve(), TestRedis.class);
  }
}
