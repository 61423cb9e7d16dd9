package dev.tokenmanager.redis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.TrustManagerFactory;

/**
 * Loads the certificates a TLS connection to Redis trusts from a PEM file (one or more {@code
 * -----BEGIN CERTIFICATE-----} blocks, such as a private CA), into a trust manager that checks the
 * chain and, through Lettuce's {@code verifyPeer=FULL}, the host name. The JDK's default trust store
 * is not consulted when a file is given.
 */
final class TrustedCertificates {

  private TrustedCertificates() {}

  /**
   * Reads and checks the file.
   *
   * @param pemFile the file
   * @return the certificates, at least one
   * @throws IllegalArgumentException if the file cannot be read or holds no certificate; the message
   *     names the file and the problem
   */
  static Collection<? extends Certificate> read(Path pemFile) {
    try (InputStream in = Files.newInputStream(pemFile)) {
      Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certificates.isEmpty()) {
        throw new IllegalArgumentException(
            "trustedCertificates must hold at least one PEM certificate, but " + pemFile + " holds none");
      }
      return certificates;
    } catch (IOException e) {
      throw new IllegalArgumentException("trustedCertificates must be a readable PEM file, but " + pemFile
          + " cannot be read (" + e.getClass().getSimpleName() + ")");
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "trustedCertificates must hold PEM certificates, but " + pemFile + " does not parse: " + e.getMessage());
    }
  }

  /**
   * Builds a trust manager factory that trusts exactly the certificates in the file.
   *
   * @param pemFile the file
   * @return the initialised factory
   * @throws IllegalArgumentException as {@link #read(Path)}
   */
  static TrustManagerFactory trustManagerFactory(Path pemFile) {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate certificate : read(pemFile)) {
        store.setCertificateEntry("redis-trusted-" + i++, certificate);
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return factory;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a trust store from " + pemFile, e);
    }
  }
}
