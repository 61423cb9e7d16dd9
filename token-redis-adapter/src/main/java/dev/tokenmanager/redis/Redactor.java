package dev.tokenmanager.redis;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes the configured Redis passwords from texts that leave the adapter (exception messages, log
 * lines), in case a driver or server message ever quotes one. It knows the data nodes' password from
 * the separate credentials and from the URI's userinfo (both as written and percent-decoded), and the
 * Sentinels' password.
 */
final class Redactor {

  private static final String MASK = "****";

  private final List<String> secrets;

  private Redactor(List<String> secrets) {
    this.secrets = List.copyOf(secrets);
  }

  static Redactor of(RedisStoreConfig config) {
    List<String> secrets = new ArrayList<>();
    if (config.password() != null) {
      secrets.add(config.password().reveal());
    }
    if (config.sentinelPassword() != null) {
      secrets.add(config.sentinelPassword().reveal());
    }
    String uriPassword = uriPassword(config.uri());
    if (uriPassword != null && !uriPassword.isEmpty()) {
      secrets.add(uriPassword);
      try {
        secrets.add(URLDecoder.decode(uriPassword.replace("+", "%2B"), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        // not valid percent-encoding: the text as written is already covered
      }
    }
    // longest first, so that a secret containing another is replaced whole
    secrets.sort((a, b) -> Integer.compare(b.length(), a.length()));
    return new Redactor(secrets);
  }

  /**
   * Returns the text with every known secret replaced by {@code ****}.
   *
   * @param text the text, may be null
   * @return the redacted text, or {@code "(no message)"} for null
   */
  String scrub(String text) {
    if (text == null) {
      return "(no message)";
    }
    String result = text;
    for (String secret : secrets) {
      result = result.replace(secret, MASK);
    }
    return result;
  }

  /**
   * Describes a failure and its root cause in one line, redacted, such as {@code
   * RedisConnectionException: Unable to connect to 127.0.0.1:6379 (ConnectException: Connection
   * refused)}.
   *
   * @param failure the failure
   * @return the description
   */
  String describe(Throwable failure) {
    StringBuilder sb = new StringBuilder(failure.getClass().getSimpleName()).append(": ")
        .append(scrub(failure.getMessage()));
    Throwable root = failure;
    for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 10; depth++) {
      root = root.getCause();
    }
    if (root != failure) {
      sb.append(" (").append(root.getClass().getSimpleName()).append(": ").append(scrub(root.getMessage())).append(')');
    }
    return sb.toString();
  }

  /** Returns the password part of a URI's userinfo as written, or null if there is none. */
  private static String uriPassword(String uri) {
    int at = uri.lastIndexOf('@');
    int schemeEnd = uri.indexOf("://");
    if (at < 0 || schemeEnd < 0 || schemeEnd > at) {
      return null;
    }
    String userinfo = uri.substring(schemeEnd + 3, at);
    int colon = userinfo.indexOf(':');
    return colon < 0 ? userinfo : userinfo.substring(colon + 1);
  }
}
