package org.ndio.jobs.count;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.jobs.kernel.Connectivity;
import org.ndio.jobs.resume.JournalRequest;
import org.ndio.spark.SparkExtension;
import org.ndio.store.Volumes;
import org.ndio.synthetic.CellTruth;
import org.ndio.synthetic.SyntheticReader;
import org.ndio.testing.Python;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/**
 * The distributed seam merge (forced with a driver merge limit of 0) against the driver's and
 * against independent truth: scipy.ndimage.label of volumes whose objects snake through many
 * small cuboids, and the synthetic volume's generator. Tables and label volumes must be the
 * same, and the driver must hold nothing for the distributed merge.
 */
@ExtendWith(SparkExtension.class)
class SeamMergeCountTest {

  @TempDir
  static Path dir;

  static JsonNode truth;

  /**
   * A serpentine tube that crosses every 8 x 8 x 4 cuboid of its slab back and forth, a
   * spiral of corner-touching voxels, and a few hundred small blobs; scipy's labels of each.
   */
  @BeforeAll
  static void volumes() throws Exception {
    Python.require("numpy", "scipy");
    String script = """
        import sys, json, zlib, numpy as np
        from scipy import ndimage
        out = sys.argv[1]
        v = np.zeros((12, 64, 72), np.uint8)
        for k, y in enumerate(range(1, 63, 4)):        # a serpentine over the first slab
            v[0:3, y:y + 2, 1:71] = 200
            x = 69 if k % 2 == 0 else 1
            if y + 4 < 63:
                v[0:3, y:y + 6, x:x + 2] = 200
        t = np.linspace(0, 1, 6000)                     # a spiral touching by corners only
        r = 4 + 26 * t
        xs = np.round(36 + r * np.cos(t * 6 * 2 * np.pi)).astype(int)
        ys = np.round(32 + r * np.sin(t * 6 * 2 * np.pi)).astype(int)
        zs = np.round(5 + 2 * t).astype(int)
        v[zs, ys, xs] = 255
        rng = np.random.default_rng(7)                  # many small objects in the last slab
        b = ndimage.gaussian_filter(rng.random((4, 64, 72)), 0.8)
        v[8:12] = np.where(b > np.percentile(b, 80), 180, 0)
        np.save(f'{out}/snakes.npy', v)
        res = {}
        for conn in (1, 3):
            lab, n = ndimage.label(v >= 128, structure=ndimage.generate_binary_structure(3, conn))
            res[str(conn)] = {'n': int(n), 'crc': zlib.crc32(lab.astype('<u4').tobytes())}
        print(json.dumps(res))
        """;
    truth = new ObjectMapper().readTree(Python.run(script, dir.toString()));
  }

  static String zarr(Size3 chunks) {
    return TestVolumes.zarrCopy(dir.resolve("snakes.npy"), chunks);
  }

  record Result(List<Row> rows, SeamStats seams, Volume labels) {}

  static Result count(SparkSession spark, String url, CountOptions o, String labels) {
    CountRun run = CellCount.runMeasured(spark, url, o.withLabelsOut(labels),
        JournalRequest.OFF);
    return new Result(run.table().orderBy("id").collectAsList(), run.seams(),
        TestVolumes.read(labels));
  }

  @Test
  void distributedMergeEqualsDriverMergeAndScipy(SparkSession spark) {
    String url = zarr(new Size3(8, 8, 4));
    // 9 x 4 x 3 cuboids: the serpentine crosses 9 of them on every one of its 16 rows.
    for (int conn : new int[] {1, 3}) {
      CountOptions o = CountOptions.threshold(128).withCuboid(new Size3(8, 16, 4))
          .withConnectivity(conn == 1 ? Connectivity.FACES : Connectivity.CORNERS);
      String what = "connectivity " + conn;
      Result driver = count(spark, url, o, "zarr:" + dir.resolve("driver-" + conn));
      Result spread = count(spark, url, o.withDriverMergeLimit(0),
          "zarr:" + dir.resolve("spread-" + conn));
      JsonNode t = truth.get(String.valueOf(conn));
      assertEquals(t.get("n").asLong(), spread.rows().size(), what);
      assertEquals(t.get("crc").asLong(), spread.labels().checksum(), what + " labels");
      assertEquals(driver.rows(), spread.rows(), what);
      assertEquals(driver.labels(), spread.labels(), what);

      assertEquals("driver", driver.seams().merge(), what);
      assertEquals("distributed", spread.seams().merge(), what);
      assertEquals(0, spread.seams().driverEntries(), what);
      assertTrue(spread.seams().pairs() > 100, what + ": " + spread.seams());
      assertTrue(spread.seams().rounds() > 0, what + ": " + spread.seams());
      assertEquals(driver.seams().pairs(), spread.seams().pairs(), what);
      assertEquals(driver.seams().crossingPieces(), spread.seams().crossingPieces(), what);
      assertTrue(driver.seams().driverEntries() >= driver.seams().pairs(), what);

      if (conn == 3) {
        continue;
      }
      // At the bound exactly: the merge stays on the driver, the label ids may not.
      Result edge = count(spark, url, o.withDriverMergeLimit(driver.seams().pairs()),
          "zarr:" + dir.resolve("edge-" + conn));
      assertEquals("driver", edge.seams().merge(), what);
      assertEquals(t.get("crc").asLong(), edge.labels().checksum(), what + " labels at bound");
      assertEquals(driver.rows(), edge.rows(), what);
    }
  }

  /** The synthetic volume's cells, counted and labelled distributed, against its generator. */
  @Test
  void distributedMergeFindsTheSyntheticCells(SparkSession spark) {
    String spec = "?shape=120,104,33&chunks=16,16,11&seed=9&spacing=30,26,11";
    List<CellTruth> cells;
    try (SyntheticReader r = (SyntheticReader) Volumes.open("synthetic:cells" + spec)) {
      cells = r.cells(r.info().extent());
    }
    String labels = "zarr:" + dir.resolve("synthetic-labels");
    CountRun run = CellCount.runMeasured(spark, "synthetic:cells" + spec,
        CountOptions.threshold(128).withCuboid(new Size3(32, 32, 11)).withDriverMergeLimit(0)
            .withLabelsOut(labels), JournalRequest.OFF);
    List<Row> rows = run.table().collectAsList();
    assertEquals("distributed", run.seams().merge());
    assertEquals(0, run.seams().driverEntries());
    assertTrue(run.seams().pairs() > 0);
    assertEquals(cells.stream().map(c -> key(c.voxels(), c.box(), c.centroidX(), c.centroidY(),
        c.centroidZ())).sorted().toList(), rows.stream().map(r -> key(r.getLong(1),
            new BoundingBox(r.getLong(5), r.getLong(8), r.getLong(6), r.getLong(9),
                r.getLong(7), r.getLong(10)), r.getDouble(2), r.getDouble(3), r.getDouble(4)))
        .sorted().toList());
    // The label volume is the generator's, up to renumbering: one id for one cell.
    Volume got = TestVolumes.read(labels);
    Volume want = TestVolumes.read("synthetic:cells-labels" + spec);
    Map<Long, Long> cellOf = new HashMap<>();
    Map<Long, Long> idOf = new HashMap<>();
    for (int z = 0; z < got.sizeZ(); z++) {
      for (int y = 0; y < got.sizeY(); y++) {
        for (int x = 0; x < got.sizeX(); x++) {
          long g = got.getLong(x, y, z);
          long w = want.getLong(x, y, z);
          assertEquals(g == 0, w == 0, "voxel " + x + "," + y + "," + z);
          if (g != 0) {
            assertEquals(w, (long) cellOf.computeIfAbsent(g, k -> w), "id " + g);
            assertEquals(g, (long) idOf.computeIfAbsent(w, k -> g), "cell " + w);
          }
        }
      }
    }
    assertEquals(cells.size(), idOf.size());
  }

  private static String key(long voxels, BoundingBox b, double cx, double cy, double cz) {
    return String.format("%d %s %.6f %.6f %.6f", voxels, b, cx, cy, cz);
  }
}
