package org.ndio.jobs.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.remote.boss.BossFixture;
import org.ndio.remote.dvid.DvidClient;
import org.ndio.remote.dvid.DvidOptions;
import org.ndio.serve.EmbeddedServer;
import org.ndio.serve.FaultInjection;
import org.ndio.serve.dvid.DvidServer;
import org.ndio.serve.neurodata.NeuroDataServer;
import org.ndio.store.ParallelWrite;
import org.ndio.store.VolumeReader;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeUrl;
import org.ndio.store.Volumes;
import org.ndio.store.WriteMode;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/**
 * A Spark task that writes to a remote and is retried posts its boxes again, maybe after it
 * posted part of them and after other tasks posted neighbouring boxes that share blocks with
 * its own. On every test server the voxels end up as if each box had been posted once.
 */
class RepeatedPostTest {

  @TempDir
  Path dir;

  private static final int SX = 70;
  private static final int SY = 60;
  private static final int SZ = 20;

  /** Box A is x 0..37, box B x 37..70: 37 is no block edge, so A and B share blocks. */
  private static final int CUT = 37;

  private static void repeatPosts(String url, WriteMode mode) {
    Volume v = TestVolumes.random(DataType.UINT16, SX, SY, SZ, 23);
    VolumeUrl u = VolumeUrl.parse(url);
    ParallelWrite write = Volumes.format(u).beginParallel(u,
        VolumeSpec.of(DataType.UINT16, new Size3(SX, SY, SZ)), mode);
    BoundingBox a = new BoundingBox(0, CUT, 0, SY, 0, SZ);
    BoundingBox b = new BoundingBox(CUT, SX, 0, SY, 0, SZ);
    try (ParallelWrite.ChunkWriter attempt0 = write.writer()) {
      // The first attempt of A's task dies after posting the lower half of A.
      attempt0.write(0, 0, 0, v.view(0, 0, 0, CUT, SY, SZ / 2));
    }
    try (ParallelWrite.ChunkWriter other = write.writer()) {
      other.write(CUT, 0, 0, v.view(b));
    }
    try (ParallelWrite.ChunkWriter attempt1 = write.writer()) {
      // The retry posts all of A; its HTTP layer may send one post twice.
      attempt1.write(0, 0, 0, v.view(a));
      attempt1.write(0, 0, 0, v.view(a));
    }
    write.commit();
    Volume once;
    try (VolumeReader r = Volumes.open(url)) {
      once = r.readAll();
    }
    assertEquals(v, once, url);
    // And running the whole write again (a job rerun after its driver died) changes nothing.
    try (ParallelWrite.ChunkWriter again = write.writer()) {
      again.write(0, 0, 0, v.view(a));
      again.write(CUT, 0, 0, v.view(b));
    }
    write.commit();
    try (VolumeReader r = Volumes.open(url)) {
      assertEquals(once, r.readAll(), url + " after posting again");
    }
  }

  @Test
  void boss() throws Exception {
    try (BossFixture f = BossFixture.start(dir.resolve("boss"), Optional.empty())) {
      repeatPosts(f.url("lab", "em", "retried"), WriteMode.ERROR_IF_EXISTS);
    }
  }

  @Test
  void dvid() throws Exception {
    try (EmbeddedServer server = DvidServer.start(dir.resolve("dvid"), 0, Optional.empty(),
        FaultInjection.NONE)) {
      String root;
      try (DvidClient c = new DvidClient(URI.create(server.address()), Optional.empty(),
          DvidOptions.DEFAULT)) {
        root = c.createRepo("retry", "ndio retry test");
      }
      repeatPosts("dvid+http://127.0.0.1:" + server.port() + "/" + root + "/retried",
          WriteMode.ERROR_IF_EXISTS);
    }
  }

  @Test
  void neuroData() throws Exception {
    try (EmbeddedServer server = NeuroDataServer.start(dir.resolve("neurodata"), 0,
        Optional.empty(), FaultInjection.NONE)) {
      repeatPosts("neurodata+http://127.0.0.1:" + server.port() + "/retry/retried",
          WriteMode.CREATE_OR_APPEND);
    }
  }
}
