package dev.tokenmanager.zoom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class TransportFailureTest {

  private static final Duration CONNECT = Duration.ofSeconds(1);
  private static final Duration READ = Duration.ofMillis(3000);

  @Test
  void describe_readTimeout_namesTheTimeout() {
    assertThat(describe(new HttpTimeoutException("request timed out"))).isEqualTo("read timed out after 3s");
  }

  @Test
  void describe_connectTimeout_namesTheTimeout() {
    assertThat(describe(new HttpConnectTimeoutException("HTTP connect timed out"))).isEqualTo("connect timed out after 1s");
  }

  @Test
  void describe_subSecondTimeout_isInMilliseconds() {
    assertThat(TransportFailure.describe(new HttpTimeoutException("x"), CONNECT, Duration.ofMillis(500)))
        .isEqualTo("read timed out after 500ms");
  }

  @Test
  void describe_refused_saysSo() {
    assertThat(describe(new ConnectException())).isEqualTo("connection refused (ConnectException)");
  }

  @Test
  void describe_unknownHost_saysSo() {
    ConnectException e = new ConnectException();
    e.initCause(new UnresolvedAddressException());

    assertThat(describe(e)).isEqualTo("host not found");
  }

  @Test
  void describe_tlsFailure_saysSo() {
    assertThat(describe(new IOException("wrapped", new SSLHandshakeException("PKIX path building failed"))))
        .isEqualTo("TLS failure (IOException: wrapped)");
  }

  @Test
  void describe_reset_namesTheFailure() {
    assertThat(describe(new IOException("Connection reset"))).isEqualTo("connection failed (IOException: Connection reset)");
  }

  @Test
  void describe_null_isGeneric() {
    assertThat(describe(null)).isEqualTo("I/O failure");
  }

  private static String describe(IOException e) {
    return TransportFailure.describe(e, CONNECT, READ);
  }
}
