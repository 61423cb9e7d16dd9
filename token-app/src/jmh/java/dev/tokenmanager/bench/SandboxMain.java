package dev.tokenmanager.bench;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the sandbox for manual runs of {@code token-app} against it and prints the variables that
 * point the app at it, as {@code export NAME=value} lines (the client secret included: it is a random
 * value of this sandbox only). Runs until killed.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.tokenmanager.bench.SandboxMain --lifetime 1h --latency
 * 50ms}, then paste the lines into a shell.
 */
public final class SandboxMain {

  private SandboxMain() {}

  /**
   * Runs the sandbox.
   *
   * @param args {@code --lifetime 60m --latency 50ms}
   * @throws InterruptedException never in practice: the process ends by being killed
   */
  public static void main(String[] args) throws InterruptedException {
    Args a = Args.parse(args);
    BenchSandbox sandbox = BenchSandbox.start(a.duration("lifetime", Duration.ofMinutes(60)),
        a.duration("latency", Duration.ofMillis(50)));
    System.out.println("export ZOOM_ACCOUNT_ID=" + sandbox.credentials.accountId());
    System.out.println("export ZOOM_CLIENT_ID=" + sandbox.credentials.clientId());
    System.out.println("export ZOOM_CLIENT_SECRET=" + sandbox.credentials.clientSecret().reveal());
    System.out.println("export ZOOM_OAUTH_URL=" + sandbox.sandbox.baseUrl());
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
