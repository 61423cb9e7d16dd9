package dev.tokenmanager.zoom;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * Names a transport failure in a few words for an exception message, such as {@code read timed out
 * after 3s} or {@code connection refused}.
 */
final class TransportFailure {

  private TransportFailure() {}

  /**
   * Describes an I/O failure of the token request.
   *
   * @param e the failure, or null if none was given
   * @param connectTimeout the connect timeout in force
   * @param readTimeout the read timeout in force
   * @return the description, free of URLs and headers
   */
  static String describe(IOException e, Duration connectTimeout, Duration readTimeout) {
    if (e == null) {
      return "I/O failure";
    }
    if (e instanceof HttpConnectTimeoutException) {
      return "connect timed out after " + text(connectTimeout);
    }
    if (e instanceof HttpTimeoutException) {
      return "read timed out after " + text(readTimeout);
    }
    if (causedBy(e, UnresolvedAddressException.class) || causedBy(e, UnknownHostException.class)) {
      return "host not found";
    }
    if (e instanceof ConnectException) {
      return "connection refused (" + detail(e) + ")";
    }
    if (causedBy(e, SSLException.class)) {
      return "TLS failure (" + detail(e) + ")";
    }
    return "connection failed (" + detail(e) + ")";
  }

  /** Formats a timeout as {@code 3s} or {@code 500ms}. */
  static String text(Duration timeout) {
    long millis = timeout.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }

  private static String detail(IOException e) {
    String message = e.getMessage();
    String name = e.getClass().getSimpleName();
    return message == null || message.isBlank() ? name : name + ": " + Excerpt.of(message, 100);
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
