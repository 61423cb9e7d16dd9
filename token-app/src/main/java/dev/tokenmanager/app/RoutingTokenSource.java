package dev.tokenmanager.app;

import dev.tokenmanager.core.error.ConfigurationRejectedException;
import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.model.TokenKey;
import dev.tokenmanager.core.port.TokenSource;
import dev.tokenmanager.zoom.ZoomTokenSource;
import java.util.Map;

/** Sends each key to the token source of its OAuth host (commercial Zoom, Zoom for Government, a sandbox). */
public final class RoutingTokenSource implements TokenSource, AutoCloseable {

  private final Map<String, ZoomTokenSource> byHost;

  /**
   * Creates the router.
   *
   * @param byHost the source of each OAuth host
   */
  public RoutingTokenSource(Map<String, ZoomTokenSource> byHost) {
    this.byHost = Map.copyOf(byHost);
  }

  @Override
  public AccessToken mint(TokenKey key) {
    ZoomTokenSource source = byHost.get(key.oauthHost());
    if (source == null) {
      throw new ConfigurationRejectedException(key, "no token endpoint is configured for host " + key.oauthHost(), null);
    }
    return source.mint(key);
  }

  @Override
  public void close() {
    byHost.values().forEach(ZoomTokenSource::close);
  }
}
