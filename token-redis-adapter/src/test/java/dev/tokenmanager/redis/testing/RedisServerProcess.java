package dev.tokenmanager.redis.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} child process on a free local TCP port, for tests that must kill,
 * pause or restart Redis.
 *
 * <p>It runs without persistence ({@code --save '' --appendonly no}), bound to 127.0.0.1, in a
 * temporary directory of its own, with its output in a log file there. {@link #start(String...)}
 * returns once the server answers {@code PING} (any reply counts, so a {@code --requirepass} server
 * that answers {@code -NOAUTH} is up). {@link #restart()} starts it again on the same port, empty.
 * {@link #close()} kills it and removes its directory.
 *
 * <p>The binary is {@code $REDIS_SERVER} if set, else {@code redis-server} on the {@code PATH}.
 */
public final class RedisServerProcess implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
  private static final int PORT_ATTEMPTS = 5;

  private final Path binary;
  private final List<String> extraArgs;
  private final Path directory;
  private final Path log;
  private final int port;
  private Process process;

  private RedisServerProcess(Path binary, List<String> extraArgs, Path directory, int port) {
    this.binary = binary;
    this.extraArgs = List.copyOf(extraArgs);
    this.directory = directory;
    this.log = directory.resolve("redis.log");
    this.port = port;
  }

  /**
   * Returns the {@code redis-server} binary this class would run, if there is one.
   *
   * @return the binary, or empty if neither {@code $REDIS_SERVER} nor the {@code PATH} has one
   */
  public static Optional<Path> findBinary() {
    String configured = System.getenv("REDIS_SERVER");
    if (configured != null && !configured.isBlank()) {
      Path path = Path.of(configured);
      return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
    }
    String searchPath = System.getenv("PATH");
    if (searchPath == null) {
      return Optional.empty();
    }
    for (String dir : searchPath.split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        Path candidate = Path.of(dir, "redis-server");
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Starts a server on a free port and waits until it answers.
   *
   * @param extraArgs more server arguments, such as {@code "--requirepass", "p:a@ss"}
   * @return the running server
   * @throws IllegalStateException if there is no binary, or the server does not come up within 10 s
   *     on any of 5 free ports
   */
  public static RedisServerProcess start(String... extraArgs) {
    Path binary = findBinary().orElseThrow(() -> new IllegalStateException(
        "redis-server not found: install it or set REDIS_SERVER to its path"));
    Path directory;
    try {
      directory = Files.createTempDirectory("redis-server-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory for redis-server", e);
    }
    IllegalStateException last = null;
    for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
      RedisServerProcess server = new RedisServerProcess(binary, List.of(extraArgs), directory, freePort());
      try {
        server.launch();
        return server;
      } catch (IllegalStateException e) {
        // most likely someone took the port between probing and binding: try another
        server.kill();
        last = e;
      }
    }
    deleteDirectory(directory);
    throw new IllegalStateException("redis-server did not start on any of " + PORT_ATTEMPTS + " free ports", last);
  }

  /** Returns the TCP port the server listens on (the same across restarts). */
  public int port() {
    return port;
  }

  /** Returns the server's URI, {@code redis://127.0.0.1:<port>}, without credentials. */
  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /**
   * Returns the process id of the running server.
   *
   * @return the pid
   * @throws IllegalStateException if the server is not running
   */
  public synchronized long pid() {
    if (process == null || !process.isAlive()) {
      throw new IllegalStateException("redis-server on port " + port + " is not running");
    }
    return process.pid();
  }

  /** Returns whether the server process is alive (a paused one is). */
  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Kills the server with SIGKILL, as a crash would, and waits until it is gone. Does nothing if it is not running. */
  public synchronized void kill() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("redis-server on port " + port + " did not die within 10 s of SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while killing redis-server", e);
    }
    process = null;
  }

  /** Freezes the server with SIGSTOP: connections stay open (the kernel still accepts), nothing answers. */
  public void pause() {
    signal("STOP");
  }

  /** Resumes a paused server with SIGCONT. */
  public void resume() {
    signal("CONT");
  }

  /**
   * Kills the server (if running) and starts it again on the same port, empty, waiting until it
   * answers.
   *
   * @throws IllegalStateException if it does not come up within 10 s
   */
  public synchronized void restart() {
    kill();
    launch();
  }

  /** Kills the server and deletes its directory. Idempotent. */
  @Override
  public synchronized void close() {
    kill();
    deleteDirectory(directory);
  }

  @Override
  public String toString() {
    return "RedisServerProcess[" + uri() + ", running=" + isRunning() + "]";
  }

  private synchronized void launch() {
    List<String> command = new ArrayList<>(List.of(binary.toString(),
        "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
        "--daemonize", "no", "--dir", directory.toString()));
    command.addAll(extraArgs);
    try {
      process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + binary, e);
    }
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    try {
      while (System.nanoTime() < deadline) {
        if (process.waitFor(20, TimeUnit.MILLISECONDS)) {
          throw new IllegalStateException("redis-server on port " + port + " exited with " + process.exitValue()
              + ": " + logTail());
        }
        if (answers()) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting redis-server", e);
    }
    throw new IllegalStateException("redis-server on port " + port + " did not answer PING within "
        + START_TIMEOUT.toSeconds() + " s: " + logTail());
  }

  private boolean answers() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      socket.setSoTimeout(500);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      int first = in.read();
      return first == '+' || first == '-';
    } catch (IOException e) {
      return false;
    }
  }

  private void signal(String name) {
    long pid = pid();
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).redirectErrorStream(true).start();
      if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + name + " " + pid + " failed");
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run kill -" + name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending SIG" + name, e);
    }
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port", e);
    }
  }

  private static void deleteDirectory(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }
}
