package org.ndio.remote.neurodata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.remote.http.RetryPolicy;
import org.ndio.serve.EmbeddedServer;
import org.ndio.serve.FaultInjection;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;

/**
 * Answers with one byte changed. npz bodies are one zlib stream, whose Adler-32 notices any
 * changed byte (and whose header check and deflate structure notice most before it): such
 * answers are retried and the cutout comes back identical. HDF5 answers hold the cutout
 * uncompressed: only damage to the file's structure can be noticed. Raw answers carry nothing
 * to check but their length, which one changed byte keeps: the wrong voxels go through, as
 * the last test shows, so raw is only as safe as the connection.
 */
class NeuroDataCorruptBodiesTest {

  private static final NeuroDataOptions RETRYING = NeuroDataRoundTripTest.SMALL.withRetry(
      new RetryPolicy(12, Duration.ofMillis(1), Duration.ofMillis(10)));

  @TempDir
  Path dir;

  @Test
  void corruptNpzAnswersAreRetriedAndTheCutoutComesBackIdentical() throws Exception {
    Volume v = TestVolumes.random(DataType.UINT16, 200, 140, 20, 6);
    try (NeuroDataFixture nd = NeuroDataFixture.start(dir.resolve("srv"), Optional.empty(),
        FaultInjection.corrupting(0.3, 77))) {
      nd.create("tok", "img", v, RETRYING);
      try (NeuroDataRemote r = nd.open("tok", "img", RETRYING.withFormat(WireFormat.NPZ))) {
        assertEquals(v, r.readAll());
        BoundingBox box = new BoundingBox(3, 190, 7, 133, 1, 19);
        assertEquals(v.view(box), r.getCutout(box));
        assertTrue(r.requestStats().retries() > 0, "stats: " + r.requestStats());
      }
      EmbeddedServer.Stats s = nd.server.stats();
      assertTrue(s.corruptions() > 0, "server: " + s);
    }
  }

  @Test
  void corruptHdf5StructureIsRetried() throws Exception {
    Volume v = TestVolumes.random(DataType.UINT8, 64, 64, 8, 7);
    // The superblock and the object headers after it: addresses, sizes and signatures.
    try (NeuroDataFixture nd = NeuroDataFixture.start(dir.resolve("srv"), Optional.empty(),
        FaultInjection.corrupting(0.5, 0, 48, 78))) {
      nd.create("tok", "img", v, RETRYING);
      // Half the answers are damaged: 24 tries keep 12 * 0.5^24 under 1e-6.
      NeuroDataOptions patient = RETRYING.withFormat(WireFormat.HDF5)
          .withRetry(new RetryPolicy(24, Duration.ofMillis(1), Duration.ofMillis(10)));
      try (NeuroDataRemote r = nd.open("tok", "img", patient)) {
        for (int i = 0; i < 12; i++) {
          BoundingBox box = new BoundingBox(i, 64 - i, 2 * i, 64, 0, 8 - i % 4);
          assertEquals(v.view(box), r.getCutout(box));
        }
        assertTrue(r.requestStats().retries() > 0, "stats: " + r.requestStats());
      }
      assertTrue(nd.server.stats().corruptions() > 0, "server: " + nd.server.stats());
    }
  }

  @Test
  void aChangedByteInARawAnswerCannotBeNoticed() throws Exception {
    Volume v = TestVolumes.random(DataType.UINT8, 64, 64, 8, 8);
    try (NeuroDataFixture nd = NeuroDataFixture.start(dir.resolve("srv"), Optional.empty(),
        FaultInjection.corrupting(1.0, 79))) {
      nd.create("tok", "img", v, RETRYING);
      try (NeuroDataRemote r = nd.open("tok", "img", RETRYING.withFormat(WireFormat.RAW))) {
        Volume got = r.readAll();
        assertNotEquals(v, got);
        assertEquals(0, r.requestStats().retries(), "stats: " + r.requestStats());
      }
    }
  }
}
