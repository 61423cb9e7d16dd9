package dev.tokenmanager.app.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code target/token-app.jar} as a real process and collects what it printed. */
public final class AppProcess {

  static final Path JAR = Path.of("target", "token-app.jar");

  private AppProcess() {}

  /** What a finished process left behind. */
  public record Result(int exitCode, String stdout, String stderr) {
    /** Returns the summary's {@code name: value} lines. */
    public Map<String, String> summary() {
      Map<String, String> lines = new LinkedHashMap<>();
      for (String line : stdout.split("\n")) {
        int colon = line.indexOf(": ");
        if (colon > 0 && !line.startsWith(" ")) {
          lines.put(line.substring(0, colon), line.substring(colon + 2).trim());
        }
      }
      return lines;
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
    }
  }

  /**
   * Runs the jar with a clean environment (only PATH and HOME of this one, plus {@code env}).
   *
   * @param workDir the working directory (where a .env would be read)
   * @param env the variables to set
   * @param timeoutSeconds how long it may run
   * @param args the command line
   * @return what it printed and its exit code
   */
  public static Result run(Path workDir, Map<String, String> env, long timeoutSeconds, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", JAR.toAbsolutePath().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(name -> !name.equals("PATH") && !name.equals("HOME"));
    environment.putAll(env);
    Path out = Files.createTempFile(workDir, "stdout", ".txt");
    Path err = Files.createTempFile(workDir, "stderr", ".txt");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("token-app " + String.join(" ", args) + " did not finish in " + timeoutSeconds
          + " s; stderr:\n" + Files.readString(err, StandardCharsets.UTF_8));
    }
    return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
