package dev.tokenmanager.redis.testing;

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
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} child process on a free local TCP port, for tests that must kill,
 * pause or restart Redis.
 *
 * <p>It runs without persistence ({@code --save '' --appendonly no}), bound to 127.0.0.1, in a
 * temporary directory of its own, with its output in a log file there. {@link #start(String...)}
 * returns once the server answers {@code PING} (any reply counts, so a {@code --requirepass} server
 * that answers {@code -NOAUTH} is up). {@link #startTls} starts one that speaks only TLS ({@code --port
 * 0 --tls-port <port>}) and returns once it accepts connections. {@link #restart()} starts it again on
 * the same port, empty. {@link #close()} kills it and removes its directory.
 *
 * <p>The binary is {@code $REDIS_SERVER} if set, else {@code redis-server} on the {@code PATH}.
 */
public final class RedisServerProcess implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
  private static final int PORT_ATTEMPTS = 5;

  private final Path binary;
  private final Path configFile;
  private final List<String> extraArgs;
  private final Path directory;
  private final Path log;
  private final int port;
  private final boolean tls;
  private Process process;

  private RedisServerProcess(Path binary, Launch launch, Path directory, int port) {
    this.binary = binary;
    this.configFile = launch.configText() == null ? null : directory.resolve("redis.conf");
    this.extraArgs = List.copyOf(launch.extraArgs().apply(port));
    this.directory = directory;
    this.log = directory.resolve("redis.log");
    this.port = port;
    this.tls = launch.tls();
  }

  /**
   * How to start a server.
   *
   * @param configText the text of a configuration file to write and pass first (Sentinel needs one it
   *     can rewrite), or null for none
   * @param extraArgs the arguments after the standard ones, given the port chosen
   * @param tls whether the port is a TLS port ({@code --port 0 --tls-port <port>})
   */
  private record Launch(String configText, IntFunction<List<String>> extraArgs, boolean tls) {}

  /**
   * Returns the {@code redis-server} binary this class would run, if there is one.
   *
   * @return the binary, or empty if neither {@code $REDIS_SERVER} nor the {@code PATH} has one
   */
  public static Optional<Path> findBinary() {
    return ExecutableSearch.find("REDIS_SERVER", "redis-server");
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
    return start(new Launch(null, port -> List.of(extraArgs), false));
  }

  /**
   * Starts a server that speaks only TLS, on a free port, and waits until it accepts connections.
   * Clients are not asked for a certificate ({@code --tls-auth-clients no}).
   *
   * @param certificates the server's certificate and key and the CA that signed them
   * @param extraArgs more server arguments
   * @return the running server; its {@link #uri()} is {@code rediss://127.0.0.1:<port>}
   * @throws IllegalStateException if there is no binary, it was built without TLS, or the server does
   *     not come up
   */
  public static RedisServerProcess startTls(TestCertificates certificates, String... extraArgs) {
    List<String> args = new ArrayList<>(List.of("--tls-cert-file", certificates.serverCertificate().toString(),
        "--tls-key-file", certificates.serverKey().toString(), "--tls-ca-cert-file", certificates.caCertificate().toString(),
        "--tls-auth-clients", "no"));
    args.addAll(List.of(extraArgs));
    return start(new Launch(null, port -> args, true));
  }

  /** Starts a Sentinel ({@code redis-server <file> --sentinel}) from a configuration text. */
  static RedisServerProcess startSentinel(String configText) {
    return start(new Launch(configText, port -> List.of("--sentinel"), false));
  }

  /**
   * Starts an empty cluster node with a short node timeout and its cluster bus on another free port
   * (the default, port + 10000, may be taken or beyond 65535).
   */
  static RedisServerProcess startClusterNode(Duration nodeTimeout) {
    return start(new Launch(null, port -> List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes-" + port
        + ".conf", "--cluster-node-timeout", Long.toString(nodeTimeout.toMillis()), "--cluster-port",
        Integer.toString(freePort())), false));
  }

  private static RedisServerProcess start(Launch launch) {
    Path binary = findBinary().orElseThrow(() -> new IllegalStateException(
        "redis-server not found: install it or set REDIS_SERVER to its path"));
    Path directory;
    try {
      directory = Files.createTempDirectory("redis-server-");
      if (launch.configText() != null) {
        Files.writeString(directory.resolve("redis.conf"), launch.configText(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory for redis-server", e);
    }
    IllegalStateException last = null;
    for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
      RedisServerProcess server = new RedisServerProcess(binary, launch, directory, freePort());
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

  /**
   * Returns the server's URI without credentials: {@code redis://127.0.0.1:<port>}, or {@code
   * rediss://127.0.0.1:<port>} for a TLS server.
   */
  public String uri() {
    return (tls ? "rediss" : "redis") + "://127.0.0.1:" + port;
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
    List<String> command = new ArrayList<>(List.of(binary.toString()));
    if (configFile != null) {
      command.add(configFile.toString());
    }
    command.addAll(tls ? List.of("--port", "0", "--tls-port", Integer.toString(port)) : List.of("--port",
        Integer.toString(port)));
    command.addAll(List.of("--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir",
        directory.toString()));
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
      if (tls) {
        // listening is enough: a PING would need a TLS handshake with the test CA
        return true;
      }
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

  static int freePort() {
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
