package org.ndio.jobs.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.jobs.cli.Ndio;
import org.ndio.serve.EmbeddedServer;
import org.ndio.serve.FaultInjection;
import org.ndio.serve.boss.BossServer;
import org.ndio.serve.dvid.DvidServer;
import org.ndio.serve.neurodata.NeuroDataServer;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/**
 * {@code ndio convert SRC REMOTE --create} makes what the remote lacks (NeuroData project and
 * channel, BOSS collection, experiment and channel, DVID repo and instance), then appends to it.
 */
class ConvertCreateTest {

  @TempDir
  Path dir;

  private static int ndio(StringWriter err, String... args) {
    return Ndio.run(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
  }

  private static Volume read(String url) {
    try (VolumeReader r = Volumes.open(url)) {
      return r.readAll();
    }
  }

  /** Creates {@code url} from a uint16 source, appends to it, refuses a wrong type. */
  private void createsAndAppends(String url) {
    Volume v = TestVolumes.random(DataType.UINT16, 40, 30, 6, 3);
    String src = "zarr:" + dir.resolve("src" + Math.abs(url.hashCode()));
    TestVolumes.write(src, v, new Size3(16, 16, 6), null);
    StringWriter err = new StringWriter();
    assertEquals(0, ndio(err, "convert", src, url, "--create", "--no-spark", "--quiet"),
        err.toString());
    assertEquals(v, read(url));
    assertEquals(0, ndio(err, "convert", src, url, "--create", "--no-spark", "--quiet"),
        "--create appends to what exists: " + err);
    String u8 = "zarr:" + dir.resolve("u8" + Math.abs(url.hashCode()));
    TestVolumes.write(u8, TestVolumes.random(DataType.UINT8, 40, 30, 6, 4), new Size3(16, 16,
        6), null);
    StringWriter refused = new StringWriter();
    assertEquals(1, ndio(refused, "convert", u8, url, "--create", "--no-spark", "--quiet"));
    assertTrue(refused.toString().startsWith("ndio: error: ")
        && refused.toString().strip().lines().count() == 1, refused.toString());
  }

  @Test
  void neuroData() throws Exception {
    try (EmbeddedServer s = NeuroDataServer.start(dir.resolve("nd"), 0, Optional.empty(),
        FaultInjection.NONE)) {
      createsAndAppends("neurodata+http://127.0.0.1:" + s.port() + "/newproj/newchan");
    }
  }

  @Test
  void boss() throws Exception {
    try (EmbeddedServer s = BossServer.start(dir.resolve("boss"), 0, Optional.empty(),
        FaultInjection.NONE)) {
      createsAndAppends("boss+http://127.0.0.1:" + s.port() + "/newcol/newexp/newchan");
    }
  }

  @Test
  void dvid() throws Exception {
    try (EmbeddedServer s = DvidServer.start(dir.resolve("dvid"), 0, Optional.empty(),
        FaultInjection.NONE)) {
      createsAndAppends("dvid+http://127.0.0.1:" + s.port()
          + "/0123456789abcdef0123456789abcdef/newinst");
    }
  }
}
