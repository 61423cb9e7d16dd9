package dev.tokenmanager.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code token-app} command: {@code demo}, {@code token}, {@code serve}, {@code worker} and {@code simulate}. */
@Command(name = "token-app", mixinStandardHelpOptions = true, version = "token-app 0.1.0",
    description = "Shared, pre-rotated Zoom Server-to-Server OAuth tokens for a fleet of processes.",
    subcommands = {DemoCommand.class, TokenCommand.class, ServeCommand.class, WorkerCommand.class, SimulateCommand.class,
        CommandLine.HelpCommand.class})
public final class TokenAppCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /**
   * Runs the command line and exits with its code.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /**
   * Runs the command line and returns its exit code (for tests).
   *
   * @param args the arguments
   * @return the exit code
   */
  public static int execute(String... args) {
    CommandLine commandLine = new CommandLine(new TokenAppCommand());
    commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("error: " + e.getMessage());
      return ExitCodes.FAILURE;
    });
    return commandLine.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
