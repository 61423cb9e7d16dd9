package dev.tokenmanager.app.cli;

/** The exit codes of the token-app commands. */
final class ExitCodes {

  /** Success. */
  static final int OK = 0;
  /** Anything else went wrong (the demo saw failures). */
  static final int FAILURE = 1;
  /** Configuration missing or invalid, locally or as Zoom judged it. */
  static final int CONFIGURATION = 2;
  /** Zoom rejected the client id or secret. */
  static final int CREDENTIALS_REJECTED = 3;
  /** No token could be had: upstream failure, rate limit, malformed answer or timeout. */
  static final int NO_TOKEN = 4;

  private ExitCodes() {}
}
