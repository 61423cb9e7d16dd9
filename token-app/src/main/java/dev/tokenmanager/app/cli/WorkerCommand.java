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
import dev.tokenmanager.app.worker.Worker;
import dev.tokenmanager.core.RefreshPolicy;
import dev.tokenmanager.core.TokenManager;
import dev.tokenmanager.core.event.TokenEvent;
import dev.tokenmanager.core.event.TokenEventListener;
import dev.tokenmanager.core.port.Clock;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code token-app worker}: one process of a fleet. Keeps the configured account's token rotated
 * through the shared store while job threads use it, then prints a summary.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
    description = {"Runs job threads that take tokens for the account in ZOOM_* (environment or .env) through",
        "the store in REDIS_URL, as one process of a fleet; prints each new token and a summary."})
final class WorkerCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--duration", defaultValue = "60s", converter = DurationConverter.class,
      description = "How long to run (default ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(names = "--jobs", defaultValue = "4", description = "Job threads (default ${DEFAULT-VALUE}).")
  int jobs;

  @Option(names = "--interval", defaultValue = "10ms", converter = DurationConverter.class,
      description = "Rest of each job between calls (default ${DEFAULT-VALUE}).")
  Duration interval;

  @Option(names = "--call-api", description = "Also call GET /v2/users/me with each token.")
  boolean callApi;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    AppSettings settings;
    Worker.Options options;
    try {
      settings = AppSettings.from(Environment.load());
      options = new Worker.Options(jobs, duration, interval, callApi);
    } catch (ConfigException | IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return ExitCodes.CONFIGURATION;
    }
    Clock clock = Clock.system();
    AtomicInteger minted = new AtomicInteger();
    TokenEventListener countMints = event -> {
      if (event instanceof TokenEvent.Minted) {
        minted.incrementAndGet();
      }
    };
    Injector injector = Guice.createInjector(ClockModule.of(clock), new EventsModule(countMints),
        new ZoomModule(settings.zoom(), List.of(settings.credentials())),
        StoreModule.of(settings.store()),
        new ManagerModule(List.of(settings.zoom().keyFor(settings.credentials())), RefreshPolicy.defaults()));
    try {
      Worker worker = new Worker(injector.getInstance(TokenManager.class), clock, options, ConsoleOutput.lines(out));
      Map<String, String> summary = worker.run();
      summary.put("minted_here", Integer.toString(minted.get()));
      ConsoleOutput.summary(out, null, summary);
      return worker.ok() ? ExitCodes.OK : ExitCodes.FAILURE;
    } finally {
      AppResources.close(injector);
    }
  }
}
