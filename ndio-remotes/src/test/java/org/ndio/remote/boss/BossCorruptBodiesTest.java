package org.ndio.remote.boss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.remote.http.RetryPolicy;
import org.ndio.serve.FaultInjection;
import org.ndio.serve.boss.BossServerConfig;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;

/**
 * Cutout answers with one byte changed. A c-blosc 1.x frame has no checksum: what can be
 * checked is its sizes (nbytes against the box, cbytes against the body, block size and block
 * starts against each other) and the inner streams' structure. A change in the size fields
 * (bytes 4 to 15) is always noticed and retried; one in a literal of a compressed stream, in
 * the shuffle flag or type size, or anywhere in a stored (incompressible) block decodes to
 * other voxels that no reader can tell from the right ones.
 */
class BossCorruptBodiesTest {

  @TempDir
  Path dir;

  @Test
  void framesWithDamagedSizesAreRetriedAndTheCutoutComesBackIdentical() throws Exception {
    try (BossFixture f = BossFixture.start(dir, Optional.of(BossFixture.TOKEN),
        FaultInjection.corrupting(0.4, 4, 16, 91), BossServerConfig.DEFAULT)) {
      f.channel("c", "e", "ch", DataType.UINT16, BoundingBox.ofShape(300, 200, 20), 1,
          "anisotropic");
      Volume v = TestVolumes.random(DataType.UINT16, 300, 200, 20, 5);
      // About 63 requests, each failing for good only if all its tries are corrupted:
      // 63 * 0.4^20 is under 1e-6 (with 10 tries it was 0.7%, and CI met it).
      BossOptions small = BossFixture.FAST.withMaxRequestBytes(64 << 10).withConcurrency(4)
          .withRetry(new RetryPolicy(20, Duration.ofMillis(1), Duration.ofMillis(20)));
      try (BossRemote r = f.open("c", "e", "ch", small)) {
        r.postCutout(0, 0, 0, 0, v);
        assertEquals(v, r.getCutout(new BoundingBox(0, 300, 0, 200, 0, 20, 0)));
        BoundingBox odd = new BoundingBox(7, 291, 13, 187, 2, 19, 0);
        assertEquals(v.view(odd), r.getCutout(odd));
        assertTrue(r.requestStats().retries() > 0, "stats: " + r.requestStats());
      }
      assertTrue(f.server.stats().corruptions() > 0, "server: " + f.server.stats());
    }
  }
}
