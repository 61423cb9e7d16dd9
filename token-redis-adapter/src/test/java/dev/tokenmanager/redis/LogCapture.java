package dev.tokenmanager.redis;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event while open (this adapter's own loggers at DEBUG, the rest at their
 * configured levels), so a test can check that no secret was logged.
 */
final class LogCapture implements AutoCloseable {

  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Logger adapter = (Logger) LoggerFactory.getLogger("dev.tokenmanager.redis");
  private final Level adapterLevel = adapter.getLevel();
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private LogCapture() {
    appender.start();
    root.addAppender(appender);
    adapter.setLevel(Level.DEBUG);
  }

  static LogCapture start() {
    return new LogCapture();
  }

  /** Returns the formatted messages captured so far, each followed by its throwables' class names and messages. */
  List<String> lines() {
    return List.copyOf(appender.list).stream().map(LogCapture::text).toList();
  }

  /** Asserts that no captured message or throwable message contains any of the secrets. */
  void assertNoneContains(String... secrets) {
    List<String> lines = lines();
    for (String secret : secrets) {
      assertThat(lines).as("log lines").noneMatch(line -> line.contains(secret));
    }
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    adapter.setLevel(adapterLevel);
    appender.stop();
  }

  private static String text(ILoggingEvent event) {
    StringBuilder sb = new StringBuilder(event.getLevel() + " " + event.getLoggerName() + " " + event.getFormattedMessage());
    for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
      sb.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
    }
    return sb.toString();
  }
}
