package dev.tokenmanager.app.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Settings from the process environment and, beneath it, a {@code .env} file: a variable set in the
 * environment wins over the same one in the file.
 *
 * <p>The file holds {@code NAME=value} lines; blank lines and lines starting with {@code #} are
 * ignored, {@code export } before a name is allowed, and a value may be wrapped in single or double
 * quotes. A malformed line is reported by its number, never by its content.
 */
public final class Environment {

  private final Map<String, String> values;

  private Environment(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /**
   * Reads the process environment and the {@code .env} file of the working directory, if any.
   *
   * @return the settings
   * @throws ConfigException if the {@code .env} file is unreadable or malformed
   */
  public static Environment load() {
    return load(System.getenv(), Path.of(".env"));
  }

  /**
   * Reads settings from a map of variables and an optional {@code .env} file beneath them.
   *
   * @param variables the variables, which win over the file
   * @param dotEnv the file; ignored if it does not exist
   * @return the settings
   * @throws ConfigException if the file is unreadable or malformed
   */
  public static Environment load(Map<String, String> variables, Path dotEnv) {
    Map<String, String> merged = new HashMap<>();
    if (dotEnv != null && Files.isRegularFile(dotEnv)) {
      merged.putAll(parse(dotEnv));
    }
    variables.forEach((name, value) -> {
      if (value != null) {
        merged.put(name, value);
      }
    });
    return new Environment(merged);
  }

  /**
   * Reads the process environment, the {@code .env} file of the working directory, and beneath both a
   * configuration file of the same {@code NAME=value} form.
   *
   * @param configFile the configuration file; must exist
   * @return the settings
   * @throws ConfigException if a file is missing, unreadable or malformed
   */
  public static Environment load(Path configFile) {
    if (!Files.isRegularFile(configFile)) {
      throw new ConfigException("--config", "names no readable file");
    }
    Map<String, String> merged = new HashMap<>(parse(configFile));
    merged.putAll(load().values);
    return new Environment(merged);
  }

  /**
   * Creates settings from a map only (tests).
   *
   * @param variables the variables
   * @return the settings
   */
  public static Environment of(Map<String, String> variables) {
    return new Environment(variables);
  }

  /**
   * Returns a setting, trimmed; a blank value counts as unset.
   *
   * @param name the variable name
   * @return the value, or empty
   */
  public Optional<String> get(String name) {
    String value = values.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  /**
   * Returns a setting that must be present.
   *
   * @param name the variable name
   * @return the value
   * @throws ConfigException if it is unset or blank
   */
  public String require(String name) {
    return get(name).orElseThrow(() -> new ConfigException(name, "is not set (environment or .env)"));
  }

  private static Map<String, String> parse(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(".env", "cannot be read: " + e.getClass().getSimpleName());
    }
    Map<String, String> result = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("export ")) {
        line = line.substring(7).strip();
      }
      int eq = line.indexOf('=');
      String name = eq > 0 ? line.substring(0, eq).strip() : "";
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new ConfigException(".env", "line " + (i + 1) + " is not of the form NAME=value");
      }
      result.put(name, unquote(line.substring(eq + 1).strip(), i + 1));
    }
    return result;
  }

  private static String unquote(String value, int lineNumber) {
    if (value.length() >= 1 && (value.charAt(0) == '"' || value.charAt(0) == '\'')) {
      char quote = value.charAt(0);
      if (value.length() < 2 || value.charAt(value.length() - 1) != quote) {
        throw new ConfigException(".env", "line " + lineNumber + " has an unclosed quote");
      }
      return value.substring(1, value.length() - 1);
    }
    return value;
  }
}
