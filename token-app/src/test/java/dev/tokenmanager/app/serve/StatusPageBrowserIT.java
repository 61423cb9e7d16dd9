package dev.tokenmanager.app.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenmanager.app.sandbox.SandboxSettings;
import dev.tokenmanager.app.sandbox.ZoomSandbox;
import dev.tokenmanager.core.model.Secret;
import dev.tokenmanager.core.port.Clock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status page loaded in headless Chromium (Debian's chromium): rows per token and a live countdown. */
class StatusPageBrowserIT {

  @TempDir
  Path dir;

  @Test
  void statusPage_inHeadlessChromium_showsEveryTokenWithARunningCountdown() throws Exception {
    Path chromium = chromium();
    try (ZoomSandbox sandbox = ZoomSandbox.start(SandboxSettings.defaults().withTokenLifetime(Duration.ofMinutes(30))
        .withCredentials("page-acct", "page-client", Secret.of("page-secret")), Clock.system());
        ServeProcess serve = ServeProcess.start(dir, Map.of(
            "ZOOM_ACCOUNT_ID", "page-acct", "ZOOM_CLIENT_ID", "page-client", "ZOOM_CLIENT_SECRET", "page-secret",
            "ZOOM_OAUTH_URL", sandbox.baseUrl().toString(), "ZOOM_SLOTS", "2"))) {
      await().atMost(20, TimeUnit.SECONDS).until(() -> serve.get("/health").statusCode() == 200);

      String dom = dumpDom(chromium, serve.base.toString());

      assertThat(dom).contains("<h1>Token Manager</h1>").contains("2 of 2 tokens serving");
      assertThat(dom).contains("page-acct/page-client#0").contains("page-acct/page-client#1");
      assertThat(Pattern.compile("class=\"countdown\"[^>]*>\\d+m \\d\\ds<").matcher(dom).results().count())
          .as("countdowns rewritten by the page's script").isEqualTo(2);
      assertThat(dom).contains("minted ").doesNotContain("sbx.");
    }
  }

  private String dumpDom(Path chromium, String url) throws Exception {
    Path profile = Files.createTempDirectory(dir, "chromium");
    Path out = dir.resolve("dom.html");
    Process process = new ProcessBuilder(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile, "--virtual-time-budget=3000", "--dump-dom", url))
        .redirectOutput(out.toFile()).redirectError(dir.resolve("chromium.err").toFile()).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  private static Path chromium() {
    Optional<Path> found = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser").stream().map(Path::of)
        .filter(Files::isExecutable).findFirst();
    if (found.isEmpty() && "true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError("Chromium required in CI: install Debian's chromium package (.ci/run does)");
    }
    Assumptions.assumeTrue(found.isPresent(), "Chromium is not installed; apt-get install chromium");
    return found.get();
  }
}
