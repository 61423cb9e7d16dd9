package dev.tokenmanager.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.tokenmanager.core.port.Clock;
import dev.tokenmanager.core.port.TokenSource;
import dev.tokenmanager.zoom.ZoomConfig;
import dev.tokenmanager.zoom.ZoomCredentials;
import dev.tokenmanager.zoom.ZoomTokenSource;
import java.util.List;

/** Provides the Zoom token source for a list of apps on one token endpoint. */
public final class ZoomModule extends AbstractModule {

  private final ZoomConfig config;
  private final List<ZoomCredentials> credentials;

  /**
   * Creates the module.
   *
   * @param config the token endpoint
   * @param credentials the apps it mints for
   */
  public ZoomModule(ZoomConfig config, List<ZoomCredentials> credentials) {
    this.config = config;
    this.credentials = List.copyOf(credentials);
  }

  @Provides
  @Singleton
  ZoomTokenSource zoomTokenSource(Clock clock) {
    return ZoomTokenSource.create(config, clock, credentials.toArray(ZoomCredentials[]::new));
  }

  @Provides
  @Singleton
  TokenSource tokenSource(ZoomTokenSource source) {
    return source;
  }

  @Provides
  @Singleton
  ZoomConfig zoomConfig() {
    return config;
  }
}
