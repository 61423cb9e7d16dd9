package dev.tokenmanager.app.cli;

import dev.tokenmanager.app.config.AppSettings;
import dev.tokenmanager.app.config.ConfigException;
import dev.tokenmanager.app.config.Environment;
import dev.tokenmanager.app.demo.Demo;
import dev.tokenmanager.app.demo.DemoOptions;
import dev.tokenmanager.app.demo.DemoReport;
import java.io.PrintWriter;
import dev.tokenmanager.core.model.Secret;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code token-app demo}: the whole product on a Zoom-like sandbox, with no configuration at all. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Runs token managers over one shared store against a Zoom-like sandbox, with jobs calling its API.",
        "Uses the Redis named by REDIS_URL when set and reachable, else memory. Exits 0 only if no job failed",
        "and the API rejected no call."})
final class DemoCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--managers", defaultValue = "4", description = "Token managers, standing for processes (default ${DEFAULT-VALUE}).")
  int managers;

  @Option(names = "--jobs", defaultValue = "8", description = "Job threads per manager (default ${DEFAULT-VALUE}).")
  int jobs;

  @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class,
      description = "How long the jobs run, e.g. 30s or 2m (default ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(names = "--token-lifetime", defaultValue = "20s", converter = DurationConverter.class,
      description = "Lifetime of the sandbox's tokens (default ${DEFAULT-VALUE}), short so rotation is visible.")
  Duration tokenLifetime;

  @Option(names = "--pause", defaultValue = "5ms", converter = DurationConverter.class,
      description = "Rest of each job between API calls (default ${DEFAULT-VALUE}).")
  Duration pause;

  @Option(names = "--client-secret", hidden = true,
      description = "The sandbox's client secret (default: random), for reproducible runs and log scans.")
  String clientSecret;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    DemoOptions options;
    try {
      options = new DemoOptions(managers, jobs, duration, tokenLifetime, pause, AppSettings.redis(Environment.load()),
          Optional.ofNullable(clientSecret).map(Secret::of));
    } catch (ConfigException | IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return ExitCodes.CONFIGURATION;
    }
    out.println("token-app demo: " + managers + " managers x " + jobs + " jobs for " + duration.toSeconds() + " s");
    out.flush();
    DemoReport report = Demo.run(options, ConsoleOutput.lines(out));
    ConsoleOutput.summary(out, "summary", report.lines());
    return report.ok() ? ExitCodes.OK : ExitCodes.FAILURE;
  }
}
