package dev.tokenmanager.app.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.tokenmanager.app.AppResources;
import dev.tokenmanager.app.ClockModule;
import dev.tokenmanager.app.EventsModule;
import dev.tokenmanager.app.ManagerModule;
import dev.tokenmanager.app.StoreModule;
import dev.tokenmanager.app.ZoomModule;
import dev.tokenmanager.app.config.AppSettings;
import dev.tokenmanager.app.config.ConfigException;
import dev.tokenmanager.app.config.Environment;
import dev.tokenmanager.core.RefreshPolicy;
import dev.tokenmanager.core.TokenManager;
import dev.tokenmanager.core.error.ConfigurationRejectedException;
import dev.tokenmanager.core.error.CredentialsRejectedException;
import dev.tokenmanager.core.error.TokenException;
import dev.tokenmanager.core.event.TokenEvent;
import dev.tokenmanager.core.model.AccessToken;
import dev.tokenmanager.core.model.TokenKey;
import dev.tokenmanager.core.port.Clock;
import dev.tokenmanager.core.port.TokenStore;
import dev.tokenmanager.redis.RedisStoreConfig;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code token-app token}: one token for a real account, from the shared store when it holds one,
 * else minted (and stored). Prints it masked, or with {@code --raw} only the token itself.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
    description = {"Prints a token for the account in ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID, ZOOM_CLIENT_SECRET",
        "(environment or .env), through the Redis in REDIS_URL (or REDIS_HOST/REDIS_PORT) if set.",
        "Exit codes: 0 ok, 2 configuration missing or invalid, 3 credentials rejected, 4 no token available."})
final class TokenCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--raw", description = "Print only the token, for Authorization: Bearer $(token-app token --raw).")
  boolean raw;

  @Option(names = "--min-remaining", converter = DurationConverter.class,
      description = "Validity the token must still have, e.g. 20m (default: the manager's 60 s).")
  Duration minRemaining;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    AppSettings settings;
    try {
      settings = AppSettings.from(Environment.load());
    } catch (ConfigException e) {
      err.println("error: " + e.getMessage());
      return ExitCodes.CONFIGURATION;
    }
    Clock clock = Clock.system();
    Optional<RedisStoreConfig> redis = settings.store().redis();
    AtomicBoolean minted = new AtomicBoolean();
    TokenKey key = settings.zoom().keyFor(settings.credentials());
    Injector injector = Guice.createInjector(ClockModule.of(clock),
        new EventsModule(event -> minted.compareAndSet(false, event instanceof TokenEvent.Minted)),
        new ZoomModule(settings.zoom(), List.of(settings.credentials())),
        StoreModule.of(settings.store()),
        new ManagerModule(List.of(key), RefreshPolicy.defaults()));
    try {
      boolean shared = redis.isPresent() && reachable(injector.getInstance(TokenStore.class), redis.get(), err);
      TokenManager manager = injector.getInstance(TokenManager.class);
      AccessToken token = minRemaining == null ? manager.token() : manager.token(minRemaining);
      if (raw) {
        out.print(token.value());
        out.flush();
      } else {
        print(out, token, minted.get(), redis, shared, clock);
      }
      return ExitCodes.OK;
    } catch (CredentialsRejectedException e) {
      err.println("error: Zoom rejected the credentials in ZOOM_CLIENT_ID / ZOOM_CLIENT_SECRET: " + e.getMessage());
      return ExitCodes.CREDENTIALS_REJECTED;
    } catch (ConfigurationRejectedException e) {
      err.println("error: Zoom rejected the request; check ZOOM_ACCOUNT_ID and that the app is an activated "
          + "Server-to-Server OAuth app: " + e.getMessage());
      return ExitCodes.CONFIGURATION;
    } catch (TokenException e) {
      err.println("error: no token available: " + e.getMessage());
      return ExitCodes.NO_TOKEN;
    } finally {
      AppResources.close(injector);
    }
  }

  private static void print(PrintWriter out, AccessToken token, boolean minted, Optional<RedisStoreConfig> redis,
      boolean shared, Clock clock) {
    Duration left = Duration.ofMillis(token.expiresAtMillis() - clock.millis());
    out.println("token: " + token.fingerprint() + " (" + token.value().length() + " characters, masked)");
    out.println("type: " + token.tokenType());
    out.println("expires_at: " + token.expiresAt() + " (in " + left.toMinutes() + "m" + left.toSecondsPart() + "s)");
    out.println("scope: " + token.scopeText());
    out.println("api_url: " + token.apiUrl());
    out.println("source: " + (minted ? "minted" : "store"));
    out.println("store: " + redis.map(config -> shared ? config.maskedUri()
        : "memory (" + config.maskedUri() + " unreachable)").orElse("memory (no shared store configured)"));
    out.flush();
  }

  private static boolean reachable(TokenStore store, RedisStoreConfig config, PrintWriter err) {
    try {
      store.loadBackoff(TokenKey.of("probe.invalid", "probe", "probe"));
      return true;
    } catch (TokenException e) {
      err.println("warning: Redis at " + config.maskedUri() + " is unreachable (" + e.getMessage()
          + "); this run works from its own memory and mints on its own");
      err.flush();
      return false;
    }
  }
}
