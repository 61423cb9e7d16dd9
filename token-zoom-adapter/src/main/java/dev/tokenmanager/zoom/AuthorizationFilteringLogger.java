package dev.tokenmanager.zoom;

import feign.slf4j.Slf4jLogger;
import java.util.Locale;

/**
 * Feign's SLF4J logger with the {@code Authorization} header filtered out, as a second line of defence:
 * the adapter logs at level {@code BASIC}, which prints no headers at all, but a later change of level
 * must still never print the Basic credentials.
 */
final class AuthorizationFilteringLogger extends Slf4jLogger {

  /** The logger name Feign's request and response lines go to. */
  static final String NAME = "dev.tokenmanager.zoom.http";

  /** Creates the logger on {@link #NAME}. */
  AuthorizationFilteringLogger() {
    super(NAME);
  }

  @Override
  protected boolean shouldLogRequestHeader(String header) {
    return !"authorization".equals(header.toLowerCase(Locale.ROOT));
  }
}
