package dev.tokenmanager.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.tokenmanager.app.config.AccountSettings;
import dev.tokenmanager.core.port.Clock;
import dev.tokenmanager.core.port.TokenSource;
import dev.tokenmanager.zoom.ZoomConfig;
import dev.tokenmanager.zoom.ZoomCredentials;
import dev.tokenmanager.zoom.ZoomTokenSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Provides one token source for several apps, possibly on several OAuth hosts. */
public final class AccountsModule extends AbstractModule {

  private final List<AccountSettings> accounts;

  /**
   * Creates the module.
   *
   * @param accounts the apps
   */
  public AccountsModule(List<AccountSettings> accounts) {
    this.accounts = List.copyOf(accounts);
  }

  @Provides
  @Singleton
  RoutingTokenSource routingTokenSource(Clock clock) {
    // One source per OAuth host (the host is part of every key), with the first app's endpoint settings.
    Map<String, ZoomConfig> endpoints = new LinkedHashMap<>();
    Map<String, List<ZoomCredentials>> credentials = new LinkedHashMap<>();
    for (AccountSettings account : accounts) {
      endpoints.putIfAbsent(account.zoom().oauthHost(), account.zoom());
      credentials.computeIfAbsent(account.zoom().oauthHost(), host -> new ArrayList<>()).add(account.credentials());
    }
    Map<String, ZoomTokenSource> byHost = new LinkedHashMap<>();
    endpoints.forEach((host, zoom) -> byHost.put(host,
        ZoomTokenSource.create(zoom, clock, credentials.get(host).toArray(ZoomCredentials[]::new))));
    return new RoutingTokenSource(byHost);
  }

  @Provides
  @Singleton
  TokenSource tokenSource(RoutingTokenSource source) {
    return source;
  }
}
