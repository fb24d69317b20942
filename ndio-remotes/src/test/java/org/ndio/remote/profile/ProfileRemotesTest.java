package org.ndio.remote.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.AccessDeniedException;
import org.ndio.NdioException;
import org.ndio.remote.Remote;
import org.ndio.remote.dvid.DvidClient;
import org.ndio.remote.dvid.DvidOptions;
import org.ndio.remote.http.Secret;
import org.ndio.serve.EmbeddedServer;
import org.ndio.serve.FaultInjection;
import org.ndio.serve.boss.BossServer;
import org.ndio.serve.dvid.DvidServer;
import org.ndio.serve.neurodata.NeuroDataServer;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeWriter;
import org.ndio.store.Volumes;
import org.ndio.store.WriteMode;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/**
 * The remotes take their token, request size, concurrency and retries from the profile a URL
 * picks, against the local servers: a right token round-trips, a wrong one is refused, a small
 * request size shows in the request count, and the retry policy decides whether a faulty server
 * is survived.
 */
class ProfileRemotesTest {

  private static final Secret TOKEN = Secret.of("t0ken-0f-pr0files-4b9d");

  @TempDir
  Path dir;

  private Path file(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
    return p;
  }

  /** Profiles for 127.0.0.1: "good" (right token), "bad" (wrong), "small", "fragile". */
  private Path profiles(String remote, int port) throws Exception {
    file("good.token", TOKEN.reveal());
    file("bad.token", "not-the-token");
    String common = "    remote: " + remote + "\n    host: 127.0.0.1\n    port: " + port + "\n";
    return file("ndio.yaml", "profiles:\n"
        + "  good:\n" + common + "    token_file: good.token\n"
        + "  bad:\n" + common + "    token_file: bad.token\n"
        + "  small:\n" + common + "    token_file: good.token\n"
        + "    max_request_bytes: 16KiB\n    concurrency: 2\n"
        + "  fragile:\n" + common + "    token_file: good.token\n"
        + "    retry: {max_tries: 1}\n"
        + "  sturdy:\n" + common + "    token_file: good.token\n"
        + "    max_request_bytes: 16KiB\n"
        + "    retry: {max_tries: 25, backoff_base: 1ms, backoff_cap: 4ms}\n");
  }

  private static String with(String url, Path profiles, String profile) {
    return url + "?profiles=" + profiles + "&profile=" + profile;
  }

  private static void upload(String url, Volume v) {
    VolumeSpec spec = VolumeSpec.of(v.dtype(), new Size3(v.sizeX(), v.sizeY(), v.sizeZ()));
    try (VolumeWriter w = Volumes.create(url, spec, WriteMode.CREATE_OR_APPEND)) {
      w.write(0, 0, 0, v);
      w.commit();
    }
  }

  private static long cutoutRequests(String url, Volume expected) {
    try (Remote r = (Remote) Volumes.open(url)) {
      long before = r.requestStats().requests();
      assertEquals(expected, r.readAll());
      return r.requestStats().requests() - before;
    }
  }

  /** Everything but the faults, for one remote whose channel/instance is at {@code url}. */
  private void checkProfilesApply(String url, Path profiles, Volume v) {
    upload(with(url, profiles, "good"), v);
    long whole = cutoutRequests(with(url, profiles, "good"), v);
    long split = cutoutRequests(with(url, profiles, "small"), v);
    // 16 KiB pieces of a 300 KB volume: more requests than with the 32 MiB default (NeuroData
    // pieces are whole cubes of its dataset, so it makes the fewest).
    assertTrue(split >= whole + 2, whole + " requests whole, " + split + " split");
    NdioException denied = assertThrows(NdioException.class,
        () -> cutoutRequests(with(url, profiles, "bad"), v));
    assertTrue(denied instanceof AccessDeniedException, denied.toString());
    assertFalse(denied.getMessage().contains("not-the-token"), denied.getMessage());
    assertFalse(denied.getMessage().contains(TOKEN.reveal()), denied.getMessage());
  }

  private void checkRetriesApply(String url, Path profiles, Volume v) {
    assertEquals(v, Volumes.open(with(url, profiles, "sturdy")).readAll());
    // One try each: at a 50% fault rate one of the many requests fails.
    assertThrows(NdioException.class, () -> {
      try (var r = Volumes.open(with(url, profiles, "fragile"))) {
        for (int i = 0; i < 20; i++) {
          r.readAll();
        }
      }
    });
  }

  private static final FaultInjection HALF = FaultInjection.evenly(0.5, 11);

  @Test
  void bossTakesTokenSizesAndRetriesFromTheProfile() throws Exception {
    Volume v = TestVolumes.random(DataType.UINT8, 300, 100, 10, 3);
    Path root = dir.resolve("boss");
    try (EmbeddedServer s = BossServer.start(root, 0, Optional.of(TOKEN), FaultInjection.NONE)) {
      String url = "boss+http://127.0.0.1:" + s.port() + "/lab/em/raw";
      checkProfilesApply(url, profiles("boss", s.port()), v);
    }
    try (EmbeddedServer s = BossServer.start(root, 0, Optional.of(TOKEN), HALF)) {
      checkRetriesApply("boss+http://127.0.0.1:" + s.port() + "/lab/em/raw",
          profiles("boss", s.port()), v);
    }
  }

  @Test
  void dvidTakesTokenSizesAndRetriesFromTheProfile() throws Exception {
    Volume v = TestVolumes.random(DataType.UINT8, 300, 100, 10, 4);
    Path root = dir.resolve("dvid");
    String repo;
    try (EmbeddedServer s = DvidServer.start(root, 0, Optional.of(TOKEN), FaultInjection.NONE)) {
      try (DvidClient c = new DvidClient(URI.create(s.address()), Optional.of(TOKEN),
          DvidOptions.DEFAULT)) {
        repo = c.createRepo("profiles", "profile test");
      }
      String url = "dvid+http://127.0.0.1:" + s.port() + "/" + repo + "/grey";
      checkProfilesApply(url, profiles("dvid", s.port()), v);
    }
    try (EmbeddedServer s = DvidServer.start(root, 0, Optional.of(TOKEN), HALF)) {
      checkRetriesApply("dvid+http://127.0.0.1:" + s.port() + "/" + repo + "/grey",
          profiles("dvid", s.port()), v);
    }
  }

  @Test
  void neuroDataTakesTokenSizesAndRetriesFromTheProfile() throws Exception {
    Volume v = TestVolumes.random(DataType.UINT8, 300, 100, 10, 5);
    Path root = dir.resolve("nd");
    try (EmbeddedServer s = NeuroDataServer.start(root, 0, Optional.of(TOKEN),
        FaultInjection.NONE)) {
      String url = "neurodata+http://127.0.0.1:" + s.port() + "/proj/image";
      checkProfilesApply(url, profiles("neurodata", s.port()), v);
    }
    try (EmbeddedServer s = NeuroDataServer.start(root, 0, Optional.of(TOKEN), HALF)) {
      checkRetriesApply("neurodata+http://127.0.0.1:" + s.port() + "/proj/image",
          profiles("neurodata", s.port()), v);
    }
  }
}
