package dev.tokenmanager.app.fleet;

import dev.tokenmanager.app.sandbox.SandboxSettings;
import dev.tokenmanager.app.sandbox.ZoomSandbox;
import dev.tokenmanager.core.TokenManager;
import dev.tokenmanager.core.event.TokenEvent;
import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.model.TokenKey;
import dev.tokenmanager.core.port.Clock;
import dev.tokenmanager.memory.CaffeineTokenStore;
import dev.tokenmanager.redis.RedisStoreConfig;
import dev.tokenmanager.redis.RedisTokenStore;
import dev.tokenmanager.zoom.ZoomConfig;
import dev.tokenmanager.zoom.ZoomCredentials;
import dev.tokenmanager.zoom.ZoomTokenSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * A fleet of "processes" in one JVM for fault-injection tests: each member has its own Redis
 * connection (store), its own HTTP client (token source), its own in-process fallback and its own
 * manager, exactly as separate JVMs would; all share one real Redis and one real HTTP sandbox.
 */
final class Fleet implements AutoCloseable {

  final ZoomSandbox sandbox;
  final TokenKey key;
  final RedisStoreConfig redis;
  final List<TokenManager> managers = new ArrayList<>();
  final List<TokenEvent> events = new CopyOnWriteArrayList<>();
  private final List<AutoCloseable> resources = new ArrayList<>();

  private Fleet(ZoomSandbox sandbox, TokenKey key, RedisStoreConfig redis) {
    this.sandbox = sandbox;
    this.key = key;
    this.redis = redis;
  }

  /**
   * Starts a sandbox and {@code size} members on it.
   *
   * @param size members
   * @param clock the clock of everything (sandbox, sources, stores, managers)
   * @param sandboxSettings the sandbox
   * @param redisUri the shared Redis
   * @param configure adjusts each member's manager builder (executor, policies, draws)
   */
  static Fleet start(int size, Clock clock, SandboxSettings sandboxSettings, String redisUri,
      UnaryOperator<TokenManager.Builder> configure) throws IOException {
    ZoomSandbox sandbox = ZoomSandbox.start(sandboxSettings, clock);
    String base = sandbox.baseUrl().toString();
    ZoomConfig zoom = ZoomConfig.of(base).withDefaultApiUrl(base);
    ZoomCredentials credentials = new ZoomCredentials(sandboxSettings.accountId(), sandboxSettings.clientId(),
        sandboxSettings.clientSecret());
    RedisStoreConfig redis = RedisStoreConfig.of(redisUri).withKeyPrefix("tm:it:" + UUID.randomUUID() + ":");
    Fleet fleet = new Fleet(sandbox, zoom.keyFor(credentials), redis);
    for (int i = 0; i < size; i++) {
      RedisTokenStore store = RedisTokenStore.create(redis, clock, fleet.events::add);
      ZoomTokenSource source = ZoomTokenSource.create(zoom, clock, credentials);
      TokenManager manager = configure.apply(TokenManager.builder(source, store)
          .key(fleet.key)
          .clock(clock)
          .listener(fleet.events::add)
          .fallbackStore(CaffeineTokenStore.create(clock))
          .instanceId("member-" + i))
          .build();
      fleet.managers.add(manager);
      fleet.resources.add(0, store);
      fleet.resources.add(0, source);
      fleet.resources.add(0, manager);
    }
    return fleet;
  }

  /** Returns the token the shared Redis holds for the fleet's key, read through a new connection. */
  AccessToken stored(Clock clock) {
    try (RedisTokenStore reader = RedisTokenStore.create(redis, clock, event -> {})) {
      return reader.load(key).orElse(null);
    }
  }

  /** Returns how many events of a type the fleet reported. */
  long count(Class<? extends TokenEvent> type) {
    return events.stream().filter(type::isInstance).count();
  }

  @Override
  public void close() throws Exception {
    for (AutoCloseable resource : resources) {
      resource.close();
    }
    sandbox.close();
  }
}
