package org.ndio.remote.dvid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.remote.http.RetryPolicy;
import org.ndio.serve.FaultInjection;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;

/**
 * Voxel answers with one byte changed. Label answers are LZ4 blocks, which carry no checksum;
 * what is checked is that the block decodes to exactly the box's bytes. A changed token (the
 * first byte is one) changes a literal or match length, so the size no longer fits: retried.
 * A changed literal or match offset decodes to other voxels unnoticed. Image answers are raw
 * voxels: only their length is checked, which a changed byte keeps.
 */
class DvidCorruptBodiesTest {

  private static final DvidOptions RETRYING = DvidOptions.DEFAULT.withMaxRequestBytes(40_000)
      .withRetry(new RetryPolicy(16, Duration.ofMillis(1), Duration.ofMillis(10)));

  @TempDir
  Path dir;

  @Test
  void lz4AnswersWithADamagedTokenAreRetriedAndComeBackIdentical() throws Exception {
    Volume v = TestVolumes.random(DataType.UINT64, 48, 40, 16, 3);
    Path state = dir.resolve("server");
    String repo;
    try (DvidFixture clean = DvidFixture.start(state); DvidClient c = clean.client()) {
      c.createInstance(clean.root, DvidType.LABELMAP, "seg", Map.of("BlockSize", "16,16,16"));
      repo = clean.root;
      try (DvidRemote w = DvidRemote.open(DvidUrl.parse(clean.url("seg")), Optional.empty(),
          RETRYING)) {
        w.postCutout(0, 0, 0, 0, v);
      }
    }
    try (DvidFixture f = DvidFixture.restart(state, repo, Optional.empty(),
        FaultInjection.corrupting(0.4, 0, 1, 93));
        DvidRemote r = DvidRemote.open(DvidUrl.parse(f.url("seg")), Optional.empty(),
            RETRYING)) {
      assertEquals(v, r.getCutout(BoundingBox.ofShape(48, 40, 16)));
      assertTrue(r.requestStats().retries() > 0, r.requestStats().toString());
      assertTrue(f.server.stats().corruptions() > 0, f.server.stats().toString());
    }
  }

  @Test
  void aChangedByteInARawImageAnswerCannotBeNoticed() throws Exception {
    Volume v = TestVolumes.random(DataType.UINT8, 32, 32, 8, 4);
    Path state = dir.resolve("server");
    String repo;
    try (DvidFixture clean = DvidFixture.start(state); DvidClient c = clean.client()) {
      c.createInstance(clean.root, DvidType.UINT8BLK, "grey", Map.of());
      repo = clean.root;
      try (DvidRemote w = DvidRemote.open(DvidUrl.parse(clean.url("grey")), Optional.empty(),
          RETRYING)) {
        w.postCutout(0, 0, 0, 0, v);
      }
    }
    try (DvidFixture f = DvidFixture.restart(state, repo, Optional.empty(),
        FaultInjection.corrupting(1.0, 95));
        DvidRemote r = DvidRemote.open(DvidUrl.parse(f.url("grey")), Optional.empty(),
            RETRYING)) {
      assertNotEquals(v, r.getCutout(BoundingBox.ofShape(32, 32, 8)));
      assertEquals(0, r.requestStats().retries(), r.requestStats().toString());
    }
  }
}
