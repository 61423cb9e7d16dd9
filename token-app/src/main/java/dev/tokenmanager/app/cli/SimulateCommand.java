package dev.tokenmanager.app.cli;

import dev.tokenmanager.app.config.AppSettings;
import dev.tokenmanager.app.config.ConfigException;
import dev.tokenmanager.app.config.Environment;
import dev.tokenmanager.app.simulate.FaultWindow;
import dev.tokenmanager.app.simulate.Simulation;
import dev.tokenmanager.app.simulate.SimulationOptions;
import dev.tokenmanager.app.simulate.SimulationReport;
import dev.tokenmanager.core.RefreshPolicy;
import dev.tokenmanager.redis.RedisStoreConfig;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code token-app simulate}: a fleet of managers in virtual time, with faults, and what it cost. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = {"Simulates N processes sharing one store (memory, or Redis with --store redis and REDIS_URL) and",
        "the Zoom-like sandbox in virtual time, with optional faults, and prints mints per rotation, callers",
        "blocked on the network, failures and tokens handed out below their minimum remaining life.",
        "Example: simulate --processes 50 --hours 24 --redis-outage 10m@3h --endpoint-errors 503:15m@5h"})
final class SimulateCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--processes", defaultValue = "50", description = "Simulated processes (default ${DEFAULT-VALUE}).")
  int processes;

  @Option(names = "--hours", defaultValue = "24", description = "Simulated hours (default ${DEFAULT-VALUE}).")
  double hours;

  @Option(names = "--callers", defaultValue = "2", description = "Callers per process (default ${DEFAULT-VALUE}).")
  int callers;

  @Option(names = "--call-every", defaultValue = "10s", converter = DurationConverter.class,
      description = "How often each caller asks for a token (default ${DEFAULT-VALUE}).")
  Duration callEvery;

  @Option(names = "--token-lifetime", defaultValue = "1h", converter = DurationConverter.class,
      description = "The endpoint's token lifetime (default ${DEFAULT-VALUE}, as Zoom's).")
  Duration tokenLifetime;

  @Option(names = "--store", defaultValue = "memory", description = "memory or redis (REDIS_URL) (default ${DEFAULT-VALUE}).")
  String store;

  @Option(names = "--redis-outage", description = "Store outage, e.g. 10m@3h (repeatable).")
  List<String> storeOutages = new ArrayList<>();

  @Option(names = "--endpoint-errors", description = "Endpoint errors, e.g. 503:15m@5h (repeatable).")
  List<String> endpointErrors = new ArrayList<>();

  @Option(names = "--refresh-window", defaultValue = "10m-5m",
      description = "Refresh window before expiry, start-end (default ${DEFAULT-VALUE}).")
  String refreshWindow;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of every random draw (default ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SimulationOptions options;
    try {
      options = new SimulationOptions(processes, Duration.ofMillis((long) (hours * 3_600_000)), callers, callEvery,
          tokenLifetime, redis(), storeOutages.stream().map(w -> FaultWindow.parse(w, "--redis-outage")).toList(),
          endpointErrors.stream().map(w -> FaultWindow.parse(w, "--endpoint-errors")).toList(), seed, refreshPolicy());
    } catch (ConfigException | IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return ExitCodes.CONFIGURATION;
    }
    out.println("token-app simulate: " + processes + " processes, " + hours + " h of virtual time");
    out.flush();
    SimulationReport report = Simulation.run(options, ConsoleOutput.lines(out));
    ConsoleOutput.summary(out, "summary", report.lines());
    return report.ok() ? ExitCodes.OK : ExitCodes.FAILURE;
  }

  private RefreshPolicy refreshPolicy() {
    String[] parts = refreshWindow.split("-");
    if (parts.length != 2) {
      throw new IllegalArgumentException("--refresh-window must look like 10m-5m, but was '" + refreshWindow + "'");
    }
    DurationConverter durations = new DurationConverter();
    try {
      return RefreshPolicy.defaults().withWindow(durations.convert(parts[0]), durations.convert(parts[1]));
    } catch (CommandLine.TypeConversionException e) {
      throw new IllegalArgumentException("--refresh-window must look like 10m-5m, but was '" + refreshWindow + "'");
    }
  }

  private Optional<RedisStoreConfig> redis() {
    if (store.equals("memory")) {
      return Optional.empty();
    }
    if (!store.equals("redis")) {
      throw new IllegalArgumentException("--store must be memory or redis, but was '" + store + "'");
    }
    return Optional.of(AppSettings.redis(Environment.load())
        .orElseThrow(() -> new ConfigException("REDIS_URL", "is not set; --store redis needs it")));
  }
}
