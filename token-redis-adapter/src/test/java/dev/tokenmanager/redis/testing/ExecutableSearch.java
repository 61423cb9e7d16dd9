package dev.tokenmanager.redis.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds a command-line tool the fixtures run: from an environment variable, else on the {@code PATH}. */
final class ExecutableSearch {

  private ExecutableSearch() {}

  /**
   * Finds a binary.
   *
   * @param variable the environment variable that may name it, such as {@code REDIS_CLI}
   * @param name the file name to look for on the {@code PATH}
   * @return the binary, or empty if the variable names no executable file, or it is unset and the
   *     {@code PATH} has none
   */
  static Optional<Path> find(String variable, String name) {
    String configured = System.getenv(variable);
    if (configured != null && !configured.isBlank()) {
      Path path = Path.of(configured);
      return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
    }
    String searchPath = System.getenv("PATH");
    if (searchPath == null) {
      return Optional.empty();
    }
    for (String dir : searchPath.split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }
}
