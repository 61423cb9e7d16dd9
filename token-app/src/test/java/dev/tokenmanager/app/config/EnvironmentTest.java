package dev.tokenmanager.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentTest {

  @TempDir
  Path dir;

  @Test
  void load_dotEnvWithCommentsExportAndQuotes_readsEveryValue() throws Exception {
    Path file = Files.writeString(dir.resolve(".env"), String.join("\n",
        "# Zoom app", "", "export ZOOM_ACCOUNT_ID=acct", "ZOOM_CLIENT_ID=\"client id\"", "ZOOM_CLIENT_SECRET='s3cr=t'"));

    Environment env = Environment.load(Map.of(), file);

    assertThat(env.get("ZOOM_ACCOUNT_ID")).contains("acct");
    assertThat(env.get("ZOOM_CLIENT_ID")).contains("client id");
    assertThat(env.get("ZOOM_CLIENT_SECRET")).contains("s3cr=t");
  }

  @Test
  void load_variableInBoth_theEnvironmentWins() throws Exception {
    Path file = Files.writeString(dir.resolve(".env"), "REDIS_URL=redis://file:6379\n");

    Environment env = Environment.load(Map.of("REDIS_URL", "redis://env:6379"), file);

    assertThat(env.get("REDIS_URL")).contains("redis://env:6379");
  }

  @Test
  void load_malformedLine_namesTheLineButNotItsContent() throws Exception {
    Path file = Files.writeString(dir.resolve(".env"), "GOOD=1\nthis-is-secret-garbage\n");

    assertThatThrownBy(() -> Environment.load(Map.of(), file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("line 2")
        .hasMessageNotContaining("secret-garbage");
  }

  @Test
  void require_blankValue_countsAsUnsetAndNamesTheVariable() {
    Environment env = Environment.of(Map.of("ZOOM_CLIENT_ID", "  "));

    assertThatThrownBy(() -> env.require("ZOOM_CLIENT_ID"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("ZOOM_CLIENT_ID is not set (environment or .env)");
  }

  @Test
  void load_noDotEnvFile_usesTheEnvironmentOnly() {
    Environment env = Environment.load(Map.of("A", "1"), dir.resolve("missing.env"));

    assertThat(env.get("A")).contains("1");
  }
}
