package dev.tokenmanager.app;

import com.google.inject.Injector;
import com.google.inject.Key;
import dev.tokenmanager.core.TokenManager;
import dev.tokenmanager.core.port.TokenStore;
import dev.tokenmanager.zoom.ZoomTokenSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes what an injector built, in dependency order: the manager (stops rotation), then the token
 * source, then the store (Redis connection, client, resources). Guice has no lifecycle of its own.
 */
public final class AppResources {

  private static final Logger LOG = LoggerFactory.getLogger(AppResources.class);

  private AppResources() {}

  /**
   * Closes the manager, the source and the store bound in this injector itself (not in its parent).
   *
   * @param injector the injector
   */
  public static void close(Injector injector) {
    closeIfBound(injector, TokenManager.class);
    closeIfBound(injector, ZoomTokenSource.class);
    closeIfBound(injector, RoutingTokenSource.class);
    closeIfBound(injector, TokenStore.class);
  }

  private static void closeIfBound(Injector injector, Class<? extends AutoCloseable> type) {
    if (!injector.getBindings().containsKey(Key.get(type))) {
      return;
    }
    try {
      injector.getInstance(type).close();
    } catch (Exception e) {
      LOG.warn("closing {} failed: {}", type.getSimpleName(), e.toString());
    }
  }
}
