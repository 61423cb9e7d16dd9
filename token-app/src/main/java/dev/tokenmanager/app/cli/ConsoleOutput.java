package dev.tokenmanager.app.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.function.Consumer;

/** How the commands write to the console: progress lines as they come, then a {@code name: value} summary. */
final class ConsoleOutput {

  private ConsoleOutput() {}

  /** Returns a sink that prints each progress line at once. */
  static Consumer<String> lines(PrintWriter out) {
    return line -> {
      synchronized (out) {
        out.println(line);
        out.flush();
      }
    };
  }

  /** Prints a blank line, an optional title, and the summary's {@code name: value} lines. */
  static void summary(PrintWriter out, String title, Map<String, String> lines) {
    out.println();
    if (title != null) {
      out.println(title);
    }
    lines.forEach((name, value) -> out.println(name + ": " + value));
    out.flush();
  }
}
