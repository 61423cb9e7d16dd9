package dev.tokenmanager.redis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority and a server certificate it signed, made with the {@code
 * openssl} command line in a directory of the caller's choice, for TLS tests against a real {@code
 * redis-server}.
 *
 * <p>Keys are EC P-256. The CA ({@code CN=Token Manager test CA <name>}) is valid for two days; the
 * server certificate names {@code 127.0.0.1} (IP) and {@code localhost} (DNS) as subject alternative
 * names by default, so a client that verifies host names ({@code verifyPeer=FULL}) accepts it for
 * either. Nothing here is secret beyond the test: the directory is the caller's to delete.
 *
 * <p>The binary is {@code $OPENSSL} if set, else {@code openssl} on the {@code PATH}. Without one,
 * {@link #generate} fails the test if {@code CI=true} and skips it elsewhere, like {@link TestRedis}.
 */
public final class TestCertificates {

  private static final long COMMAND_TIMEOUT_SECONDS = 20;

  private final Path caCertificate;
  private final Path serverCertificate;
  private final Path serverKey;

  private TestCertificates(Path caCertificate, Path serverCertificate, Path serverKey) {
    this.caCertificate = caCertificate;
    this.serverCertificate = serverCertificate;
    this.serverKey = serverKey;
  }

  /**
   * Creates a CA and a server certificate for {@code 127.0.0.1} and {@code localhost} in a directory.
   *
   * @param directory an existing directory to write {@code <name>-ca.crt}, {@code <name>-server.crt},
   *     {@code <name>-server.key} (and intermediate files) into
   * @param name a short name distinguishing several sets in one directory, such as {@code trusted}
   * @return the files
   * @throws IllegalStateException if an {@code openssl} command fails
   */
  public static TestCertificates generate(Path directory, String name) {
    return generate(directory, name, "IP:127.0.0.1,DNS:localhost");
  }

  /**
   * Creates a CA and a server certificate for other names, such as one the server is not reached by.
   *
   * @param directory an existing directory to write the files into
   * @param name a short name distinguishing several sets in one directory
   * @param subjectAltNames the server certificate's subject alternative names, in openssl's syntax,
   *     such as {@code DNS:redis.example}
   * @return the files
   * @throws IllegalStateException if an {@code openssl} command fails
   */
  public static TestCertificates generate(Path directory, String name, String subjectAltNames) {
    Path openssl = findBinary().orElse(null);
    if (openssl == null) {
      TestRedis.unavailable(System.getenv(), "this test needs the openssl command (PATH or OPENSSL)");
    }
    Path caKey = directory.resolve(name + "-ca.key");
    Path caCert = directory.resolve(name + "-ca.crt");
    Path key = directory.resolve(name + "-server.key");
    Path request = directory.resolve(name + "-server.csr");
    Path cert = directory.resolve(name + "-server.crt");
    Path extensions = directory.resolve(name + "-server.ext");
    try {
      Files.writeString(extensions, "subjectAltName=" + subjectAltNames + "\nbasicConstraints=CA:FALSE\n"
          + "keyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n", StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + extensions, e);
    }
    run(directory, openssl.toString(), "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
        "-nodes", "-keyout", caKey.toString(), "-out", caCert.toString(), "-days", "2",
        "-subj", "/CN=Token Manager test CA " + name,
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    run(directory, openssl.toString(), "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", key.toString(), "-out", request.toString(), "-subj", "/CN=127.0.0.1");
    run(directory, openssl.toString(), "x509", "-req", "-in", request.toString(), "-CA", caCert.toString(),
        "-CAkey", caKey.toString(), "-CAcreateserial", "-out", cert.toString(), "-days", "2",
        "-extfile", extensions.toString());
    return new TestCertificates(caCert, cert, key);
  }

  /** Returns the CA's certificate (PEM): what a client must trust. */
  public Path caCertificate() {
    return caCertificate;
  }

  /** Returns the server's certificate (PEM), signed by the CA. */
  public Path serverCertificate() {
    return serverCertificate;
  }

  /** Returns the server's private key (PEM, unencrypted). */
  public Path serverKey() {
    return serverKey;
  }

  /**
   * Copies another set's server certificate and key over this set's files, as a certificate rotation
   * (or a mistake) would: a server started or restarted afterwards presents the other certificate.
   *
   * @param other the set whose server certificate and key to install
   * @throws java.io.UncheckedIOException if a file cannot be copied
   */
  public void installServerIdentityOf(TestCertificates other) {
    try {
      Files.copy(other.serverCertificate, serverCertificate, StandardCopyOption.REPLACE_EXISTING);
      Files.copy(other.serverKey, serverKey, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot install the server certificate of " + other, e);
    }
  }

  @Override
  public String toString() {
    return "TestCertificates[ca=" + caCertificate + ", server=" + serverCertificate + "]";
  }

  private static void run(Path directory, String... command) {
    List<String> args = new ArrayList<>(List.of(command));
    Path output = directory.resolve("openssl.log");
    try {
      Process process = new ProcessBuilder(args).directory(directory.toFile()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
      if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("openssl " + args.get(1) + " did not finish within " + COMMAND_TIMEOUT_SECONDS
            + " s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException("openssl " + args.get(1) + " failed with " + process.exitValue() + ": "
            + Files.readString(output, StandardCharsets.UTF_8).strip());
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run openssl", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running openssl", e);
    }
  }

  private static Optional<Path> findBinary() {
    return ExecutableSearch.find("OPENSSL", "openssl");
  }
}
