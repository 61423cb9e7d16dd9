package dev.tokenmanager.app.serve;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code token-app serve} running as a real process, and an HTTP client for it. */
final class ServeProcess implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("listening on (http://[0-9.]+:\\d+)");

  final Process process;
  final Path stdout;
  final Path stderr;
  final URI base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private ServeProcess(Process process, Path stdout, Path stderr, URI base) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
    this.base = base;
  }

  static ServeProcess start(Path dir, Map<String, String> env, String... extraArgs) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", Path.of("target", "token-app.jar").toAbsolutePath().toString(), "serve", "--port", "0"));
    command.addAll(List.of(extraArgs));
    Path out = Files.createTempFile(dir, "serve", ".out");
    Path err = Files.createTempFile(dir, "serve", ".err");
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().keySet().removeIf(name -> !name.equals("PATH") && !name.equals("HOME"));
    builder.environment().putAll(env);
    Process process = builder.start();
    String[] url = new String[1];
    await().atMost(30, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(50)).until(() -> {
      Matcher m = LISTENING.matcher(Files.readString(out, StandardCharsets.UTF_8));
      if (m.find()) {
        url[0] = m.group(1);
        return true;
      }
      if (!process.isAlive()) {
        throw new AssertionError("serve exited with " + process.exitValue() + ": " + Files.readString(err));
      }
      return false;
    });
    return new ServeProcess(process, out, err, URI.create(url[0]));
  }

  HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET();
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  String output() throws IOException {
    return Files.readString(stdout, StandardCharsets.UTF_8) + Files.readString(stderr, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws Exception {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}
