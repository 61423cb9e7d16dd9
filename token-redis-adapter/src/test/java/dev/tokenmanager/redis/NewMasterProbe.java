package dev.tokenmanager.redis;

import dev.tokenmanager.core.error.StoreUnavailableException;
import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.model.TokenKey;
import io.lettuce.core.cluster.SlotHash;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Checks where a store's writes land after a failover: saves a fresh token through the store under a
 * probe key, then reads that key directly from one node. Each call writes a token expiring later than
 * the last, so the fenced save always lands.
 */
final class NewMasterProbe implements AutoCloseable {

  private final TokenKey probe;
  private final RedisTokenStore store;
  private final String password;
  private final String name;
  private final Map<Integer, RawRedis> nodes = new HashMap<>();
  private long counter;

  /**
   * Creates a probe writing through a store under a probe key.
   *
   * @param store the store
   * @param keyPrefix the store's key prefix
   * @param password the nodes' password, or null
   * @param probe the token key to write under: one no test manager uses
   */
  NewMasterProbe(RedisTokenStore store, String keyPrefix, String password, TokenKey probe) {
    this.store = store;
    this.password = password;
    this.probe = probe;
    this.name = new RedisKeys(keyPrefix).token(probe);
  }

  /** Returns a probe key of its own whose keys live in the same cluster slot as those of {@code key}. */
  static TokenKey inTheSameSlotAs(TokenKey key) {
    int slot = SlotHash.getSlot(RedisKeys.hashTag(key));
    for (int i = 0; ; i++) {
      TokenKey candidate = TokenKey.of("probe.example", "failover", "writes").withSlot(i);
      if (SlotHash.getSlot(RedisKeys.hashTag(candidate)) == slot) {
        return candidate;
      }
    }
  }

  /**
   * Returns whether a save through the store succeeds and the token is then readable on the node at
   * the port.
   */
  boolean landOn(int port) {
    Instant now = Instant.now();
    AccessToken token = AccessToken.bearer("probe-" + (++counter), now, now.plus(Duration.ofMinutes(5)).plusMillis(counter));
    try {
      store.saveIfNewer(probe, token);
    } catch (StoreUnavailableException e) {
      return false;
    }
    try {
      String stored = node(port).commands().get(name);
      return stored != null && stored.contains("\"probe-" + counter + "\"");
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    nodes.values().forEach(RawRedis::close);
  }

  private RawRedis node(int port) {
    return nodes.computeIfAbsent(port, p -> password == null ? RawRedis.connect("redis://127.0.0.1:" + p)
        : RawRedis.connect("redis://127.0.0.1:" + p, password));
  }
}
