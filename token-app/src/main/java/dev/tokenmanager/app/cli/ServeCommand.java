package dev.tokenmanager.app.cli;

import dev.tokenmanager.app.config.ConfigException;
import dev.tokenmanager.app.config.Environment;
import dev.tokenmanager.app.config.ServeSettings;
import dev.tokenmanager.app.serve.TokenHttpServer;
import dev.tokenmanager.app.serve.TokenService;
import dev.tokenmanager.core.port.Clock;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code token-app serve}: the central token service. Keeps the configured apps' tokens rotated and
 * serves health, metrics, a status page and (with {@code TOKEN_SERVE_KEY}) tokens over HTTP until
 * SIGTERM, then stops rotation and closes HTTP and Redis in order.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Keeps the tokens of the configured apps rotated and serves GET /health, /health/live, /metrics,",
        "/ (status page) and, when TOKEN_SERVE_KEY is set, /token?account=NAME[&slot=N|&job=ID] to callers",
        "presenting 'Authorization: Bearer <TOKEN_SERVE_KEY>'. Apps: ZOOM_ACCOUNT_ID / ZOOM_CLIENT_ID /",
        "ZOOM_CLIENT_SECRET [/ ZOOM_OAUTH_URL / ZOOM_SLOTS], or ZOOM_ACCOUNTS=a,b with ZOOM_A_ACCOUNT_ID, ...;",
        "store: REDIS_URL. From the environment, .env, or --config FILE (NAME=value lines)."})
final class ServeCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default ${DEFAULT-VALUE}; 0 for any free port).")
  int port;

  @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default ${DEFAULT-VALUE}).")
  String bind;

  @Option(names = "--config", description = "A file of NAME=value settings beneath the environment and .env.")
  Path config;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ServeSettings settings;
    try {
      settings = ServeSettings.from(config == null ? Environment.load() : Environment.load(config));
      if (port < 0 || port > 65_535) {
        throw new ConfigException("--port", "must be between 0 and 65535");
      }
    } catch (ConfigException e) {
      err.println("error: " + e.getMessage());
      return ExitCodes.CONFIGURATION;
    }
    TokenService service = TokenService.start(settings, Clock.system());
    TokenHttpServer http;
    try {
      http = TokenHttpServer.start(service, settings.serveKey(), new InetSocketAddress(bind, port));
    } catch (java.io.IOException | RuntimeException e) {
      service.close();
      err.println("error: cannot listen on " + bind + ":" + port + ": " + e.getMessage());
      return ExitCodes.CONFIGURATION;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      out.println("token-app serve: stopping");
      out.flush();
      http.close();
      service.close();
      out.println("token-app serve: stopped");
      out.flush();
      stopped.countDown();
    }, "token-app-shutdown"));
    InetSocketAddress address = http.address();
    out.println("token-app serve: listening on http://" + address.getHostString() + ":" + address.getPort()
        + " (accounts: " + String.join(", ", service.accounts()) + "; store: " + service.storeDescription()
        + "; /token " + (settings.serveKey().isPresent() ? "on" : "off: set TOKEN_SERVE_KEY") + ")");
    out.flush();
    stopped.await();
    return ExitCodes.OK;
  }
}
