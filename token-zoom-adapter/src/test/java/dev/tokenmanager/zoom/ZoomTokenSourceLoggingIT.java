package dev.tokenmanager.zoom;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.tokenmanager.core.error.TokenException;
import dev.tokenmanager.core.model.TokenKey;
import dev.tokenmanager.core.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Captures every log line at TRACE while minting, and proves no secret or token reaches any of them. */
class ZoomTokenSourceLoggingIT {

  private static final String SECRET = "s3cr3t-Logged-Never-99";
  private static final String TOKEN = "eyJhbGciOiJIUzUxMiJ9.logging-token-VALUE.sig";
  private static final String BASIC_VALUE = Base64.getEncoder()
      .encodeToString(("client-1:" + SECRET).getBytes(StandardCharsets.UTF_8));

  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private Level rootLevel;
  private WireMockServer wireMock;
  private ZoomTokenSource source;
  private TokenKey key;

  @BeforeEach
  void setUp() {
    rootLevel = root.getLevel();
    root.setLevel(Level.TRACE);
    appender.start();
    root.addAppender(appender);
    wireMock = new WireMockServer(options().dynamicPort());
    wireMock.start();
    // A fresh WireMock's first answer took over 500 ms on a loaded build machine; 2 s leaves room.
    ZoomConfig config = ZoomConfig.of(wireMock.baseUrl()).withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2));
    ZoomCredentials credentials = ZoomCredentials.of("acc-1", "client-1", SECRET);
    source = ZoomTokenSource.create(config, ManualClock.create(), credentials);
    key = config.keyFor(credentials);
  }

  @AfterEach
  void tearDown() {
    source.close();
    wireMock.stop();
    root.detachAppender(appender);
    root.setLevel(rootLevel);
  }

  @Test
  void mint_successAndEveryFailure_logNoSecretAndNoToken() {
    respond(json(200, "{\"access_token\":\"" + TOKEN + "\",\"expires_in\":3600}"));
    source.mint(key);
    respond(json(401, "{\"reason\":\"Invalid client_id or client_secret\",\"error\":\"invalid_client\"}"));
    mintFails();
    respond(aResponse().withStatus(200).withHeader("Content-Type", "text/plain").withBody("access_token=" + TOKEN));
    mintFails();
    respond(json(200, "{\"access_token\":" + TOKEN + "}"));
    mintFails();
    respond(json(200, "{\"access_token\":\"" + TOKEN + "\",\"expires_in\":0}"));
    mintFails();
    respond(aResponse().withStatus(502).withHeader("Content-Type", "text/html").withBody("<html>" + TOKEN + "</html>"));
    mintFails();
    respond(json(200, "{\"access_token\":\"" + TOKEN + "\"}").withFixedDelay(3000));
    mintFails();

    List<String> lines = capturedText();
    assertThat(lines).as("the capture works: Feign's BASIC lines and the adapter's own lines are there")
        .anyMatch(line -> line.contains("---> POST " + wireMock.baseUrl() + "/oauth/token"))
        .anyMatch(line -> line.contains("<--- HTTP/1.1 401"))
        .anyMatch(line -> line.contains("minted AccessToken[sha256:"))
        .anyMatch(line -> line.contains("read timed out"));
    assertThat(lines).allSatisfy(line -> assertThat(line)
        .doesNotContain(SECRET)
        .doesNotContain("Basic ")
        .doesNotContain(BASIC_VALUE)
        .doesNotContain(TOKEN));
  }

  private void mintFails() {
    assertThat(catchThrowable(() -> source.mint(key))).isInstanceOf(TokenException.class);
  }

  private void respond(ResponseDefinitionBuilder response) {
    wireMock.resetAll();
    wireMock.stubFor(any(anyUrl()).willReturn(response));
  }

  private List<String> capturedText() {
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent event : appender.list) {
      lines.add(event.getLoggerName() + " " + event.getFormattedMessage());
      for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
        lines.add(t.getClassName() + ": " + t.getMessage());
      }
    }
    return lines;
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
  }
}
