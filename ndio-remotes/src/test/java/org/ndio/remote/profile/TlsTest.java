package org.ndio.remote.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.TlsException;
import org.ndio.remote.http.Secret;
import org.ndio.serve.EmbeddedServer;
import org.ndio.serve.FaultInjection;
import org.ndio.serve.boss.BossServer;
import org.ndio.serve.boss.BossServerConfig;
import org.ndio.store.VolumeReader;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeWriter;
import org.ndio.store.Volumes;
import org.ndio.store.WriteMode;
import org.ndio.testing.CapturedLog;
import org.ndio.testing.SelfSignedTls;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/**
 * https to a BOSS server on 127.0.0.1 with a self-signed certificate, which no trust store
 * holds: checked (the default), the request fails at once with a typed error naming the host
 * and the certificate; unchecked by the profile's {@code tls_verify: false} or the URL's
 * {@code insecure=true}, it works and a warning names the host.
 */
class TlsTest {

  private static final Secret TOKEN = Secret.of("tls-t0ken-c0ffee-91");

  @TempDir
  static Path dir;

  private static SSLContext tls;

  @BeforeAll
  static void certificate() throws Exception {
    tls = SelfSignedTls.serverContext(dir);
  }

  private static EmbeddedServer https(Path root) throws Exception {
    return EmbeddedServer.startHttps(new BossServer(root, Optional.of(TOKEN),
        BossServerConfig.DEFAULT), 0, FaultInjection.NONE, tls);
  }

  private static Path profiles(Path file, int port, boolean verify) throws Exception {
    Path token = file.resolveSibling("token");
    Files.writeString(token, TOKEN.reveal());
    Files.writeString(file, "profiles:\n  test:\n    remote: boss\n    host: 127.0.0.1\n"
        + "    port: " + port + "\n    token_file: token\n    tls_verify: " + verify + "\n");
    Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  @Test
  void anUntrustedCertificateIsATypedErrorNamingTheHostAndNotRetried() throws Exception {
    try (EmbeddedServer s = https(dir.resolve("checked"))) {
      Path p = profiles(dir.resolve("checked.yaml"), s.port(), true);
      String url = "boss://127.0.0.1:" + s.port() + "/lab/em/raw?profiles=" + p;
      TlsException e = assertThrows(TlsException.class, () -> Volumes.open(url));
      assertFalse(e.getMessage().contains("tries"), "retried: " + e.getMessage());
      assertTrue(e.getMessage().contains("127.0.0.1"), e.getMessage());
      assertTrue(e.getMessage().contains("certificate"), e.getMessage());
      assertFalse(e.getMessage().contains(TOKEN.reveal()));
      assertEquals(0, s.stats().requests(), "no request may pass an unchecked handshake");
    }
  }

  @Test
  void turningTheCheckOffWorksAndSaysSoNamingTheHost() throws Exception {
    Volume v = TestVolumes.random(DataType.UINT16, 70, 50, 6, 9);
    try (EmbeddedServer s = https(dir.resolve("unchecked"));
        CapturedLog log = CapturedLog.open()) {
      Path p = profiles(dir.resolve("unchecked.yaml"), s.port(), false);
      String url = "boss://127.0.0.1:" + s.port() + "/lab/em/raw?profiles=" + p;
      try (VolumeWriter w = Volumes.create(url, VolumeSpec.of(v.dtype(), new Size3(70, 50, 6)),
          WriteMode.ERROR_IF_EXISTS)) {
        w.write(0, 0, 0, v);
        w.commit();
      }
      try (VolumeReader r = Volumes.open(url)) {
        assertEquals(v, r.readAll());
      }
      assertTrue(log.has("TLS certificate verification is off for 127.0.0.1:" + s.port()),
          log.lines().toString());

      // The same server through a profile that checks, turned off for one URL by insecure=true.
      Path checked = profiles(dir.resolve("checked-again.yaml"), s.port(), true);
      String base = "boss://127.0.0.1:" + s.port() + "/lab/em/raw?profiles=" + checked;
      assertThrows(TlsException.class, () -> Volumes.open(base));
      try (VolumeReader r = Volumes.open(base + "&insecure=true")) {
        assertEquals(v, r.readAll());
      }
    }
  }
}
