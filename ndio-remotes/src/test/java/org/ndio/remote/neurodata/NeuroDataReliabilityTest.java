package org.ndio.remote.neurodata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.serve.EmbeddedServer;
import org.ndio.serve.FaultInjection;
import org.ndio.store.VolumeReader;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeWriter;
import org.ndio.store.Volumes;
import org.ndio.store.WriteMode;
import org.ndio.testing.SharedData;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/** Faults, concurrency and real data. */
class NeuroDataReliabilityTest {

  @TempDir
  Path dir;

  @Test
  void aRoundTripThroughOneFailedRequestInFiveCompletesIdentical() throws Exception {
    Volume v = TestVolumes.random(DataType.UINT16, 260, 140, 34, 8);
    NeuroDataOptions opts = NeuroDataRoundTripTest.SMALL.withRetry(
        new org.ndio.remote.http.RetryPolicy(10, java.time.Duration.ofMillis(1),
            java.time.Duration.ofMillis(20)));
    try (NeuroDataFixture nd = NeuroDataFixture.start(dir, Optional.of(NeuroDataFixture.KEY),
        FaultInjection.evenly(0.2, 1234))) {
      nd.create("flaky", "img", v, opts);
      try (NeuroDataRemote r = nd.open("flaky", "img", opts)) {
        assertEquals(v, r.readAll());
        BoundingBox box = new BoundingBox(5, 250, 3, 139, 1, 33);
        assertEquals(v.view(box), r.getCutout(box));
        assertTrue(r.requestStats().retries() > 0, "stats: " + r.requestStats());
      }
      EmbeddedServer.Stats s = nd.server.stats();
      assertTrue(s.errors() > 0 && s.drops() > 0 && s.truncations() > 0, "server: " + s);
    }
  }

  @Test
  void concurrentPostsOfDisjointBoxesSharingCubesAllLand() throws Exception {
    Volume v = TestVolumes.random(DataType.UINT8, 256, 200, 16, 4);
    // No zeros, so every posted voxel must show.
    for (int z = 0; z < 16; z++) {
      for (int y = 0; y < 200; y++) {
        for (int x = 0; x < 256; x++) {
          if (v.getLong(x, y, z) == 0) {
            v.setLong(x, y, z, 1);
          }
        }
      }
    }
    try (NeuroDataFixture nd = NeuroDataFixture.start(dir)) {
      assertEquals(200, nd.autoIngest(NeuroDataFixture.ingestJson("conc", "img", "uint8",
          "image", "256, 200, 16", "0, 0, 0", "1.0, 1.0, 1.0", 0)).statusCode());
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try (NeuroDataRemote r = nd.open("conc", "img")) {
        List<Future<?>> done = new ArrayList<>();
        // 10-voxel strips: many strips share each 128x128x16 cube.
        for (int y = 0; y < 200; y += 10) {
          int y0 = y;
          done.add(pool.submit(() -> r.postCutout(0, y0, 0, v.view(0, y0, 0, 256, 10, 16))));
        }
        for (Future<?> f : done) {
          f.get();
        }
        assertEquals(v, r.readAll());
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void theSharedSsTemStackUploadsAndDownloadsUnchanged() throws Exception {
    Path stack = SharedData.drosophilaStack();
    String tiff = "tiff:" + stack.resolve("raw");
    try (NeuroDataFixture nd = NeuroDataFixture.start(dir.resolve("s"), Optional.empty(),
        FaultInjection.NONE)) {
      String url = nd.url("drosophila", "raw");
      Volume original;
      try (VolumeReader in = Volumes.open(tiff)) {
        original = in.readAll();
        VolumeSpec spec = VolumeSpec.of(DataType.UINT8, new Size3(original.sizeX(),
            original.sizeY(), original.sizeZ())).withVoxelSize(in.info().voxelSize().orElse(null));
        try (VolumeWriter out = Volumes.create(url, spec, WriteMode.ERROR_IF_EXISTS)) {
          out.write(0, 0, 0, original);
          out.commit();
        }
      }
      try (VolumeReader back = Volumes.open(url)) {
        assertEquals(BoundingBox.ofShape(1024, 1024, 20), back.info().extent());
        assertEquals(original.checksum(), back.readAll().checksum());
        assertEquals(original.view(new BoundingBox(100, 612, 300, 1000, 3, 17)),
            back.read(new BoundingBox(100, 612, 300, 1000, 3, 17)));
      }
    }
  }
}
