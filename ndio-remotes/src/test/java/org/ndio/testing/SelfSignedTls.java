package org.ndio.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed certificate for 127.0.0.1, made by the JDK's own {@code keytool}, as the TLS
 * context of a test https server. No client trusts it unless told to.
 */
public final class SelfSignedTls {

  private static final char[] PASSWORD = "ndio-test".toCharArray();

  private SelfSignedTls() {}

  /** A server TLS context holding a new key pair and certificate made in {@code dir}. */
  public static SSLContext serverContext(Path dir) throws Exception {
    Path store = dir.resolve("server.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p = new ProcessBuilder(List.of(keytool.toString(), "-J-XX:TieredStopAtLevel=1",
        "-J-XX:+UseSerialGC", "-genkeypair", "-alias",
        "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2", "-dname",
        "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12", "-keystore",
        store.toString(), "-storepass", new String(PASSWORD), "-keypass",
        new String(PASSWORD))).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IOException("keytool failed: " + out);
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, PASSWORD);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(
        KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASSWORD);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }
}
