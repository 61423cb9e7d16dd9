package dev.tokenmanager.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The {@code --name value} options of the benchmark mains. */
final class Args {

  private final Map<String, String> values = new HashMap<>();

  private Args() {}

  /**
   * Reads {@code --name value} pairs.
   *
   * @param args the command line
   * @return the options
   * @throws IllegalArgumentException on a word that is not an option or an option without a value
   */
  static Args parse(String... args) {
    Args result = new Args();
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value, but was '" + args[i] + "'");
      }
      result.values.put(args[i].substring(2), args[i + 1]);
    }
    return result;
  }

  String text(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  int integer(String name, int fallback) {
    String value = values.get(name);
    return value == null ? fallback : Integer.parseInt(value);
  }

  /** Reads a duration written as {@code 500ms}, {@code 30s} or {@code 2m}. */
  Duration duration(String name, Duration fallback) {
    String value = values.get(name);
    if (value == null) {
      return fallback;
    }
    if (value.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
    }
    long amount = Long.parseLong(value.substring(0, value.length() - 1));
    return switch (value.charAt(value.length() - 1)) {
      case 's' -> Duration.ofSeconds(amount);
      case 'm' -> Duration.ofMinutes(amount);
      default -> throw new IllegalArgumentException(name + " must end in ms, s or m, but was '" + value + "'");
    };
  }
}
