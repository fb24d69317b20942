package org.ndio.jobs.count;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.jobs.kernel.Connectivity;
import org.ndio.spark.SparkExtension;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import org.ndio.testing.Python;
import org.ndio.testing.SharedData;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/**
 * The distributed count against scipy.ndimage.label on the same arrays: the same number of
 * objects, the same sizes and, since both number objects by their first voxel, the same label
 * volume, whatever the cuboids.
 */
@ExtendWith(SparkExtension.class)
class CellCountTest {

  @TempDir
  static Path dir;

  static JsonNode truth;

  /** Volumes with blobs, a helix and long diagonal fibres, and scipy's answers for them. */
  @BeforeAll
  static void volumes() throws Exception {
    Python.require("numpy", "scipy");
    String script = """
        import sys, json, zlib, numpy as np
        from scipy import ndimage
        out = sys.argv[1]
        rng = np.random.default_rng(5)
        vols = {}
        a = ndimage.gaussian_filter(rng.random((20, 48, 56)), 1.2)
        vols['blobs'] = (a >= np.percentile(a, 70)).astype(np.uint8) * 200
        z, y, x = np.mgrid[0:40, 0:36, 0:36]
        t = z / 40 * 6 * np.pi
        helix = ((x - 18 - 12 * np.cos(t)) ** 2 + (y - 18 - 12 * np.sin(t)) ** 2) < 6
        fibres = np.zeros((40, 36, 36), bool)
        for k in range(36):
            fibres[k, k, (3 * k) % 36] = True          # touches the next voxel by a corner only
            fibres[min(39, k + 3), 35 - k, 20] = True   # an edge-connected line
        vols['helix'] = ((helix | fibres) * 255).astype(np.uint8)
        res = {}
        for name, v in vols.items():
            np.save(f'{out}/{name}.npy', v)
            for conn in (1, 2, 3):
                lab, n = ndimage.label(v >= 128, structure=ndimage.generate_binary_structure(3, conn))
                sizes = sorted(np.bincount(lab.ravel())[1:].tolist())
                res[f'{name}-{conn}'] = {'n': int(n), 'sizes': sizes,
                                         'crc': zlib.crc32(lab.astype('<u4').tobytes())}
        seg = (ndimage.gaussian_filter(rng.random((16, 40, 40)), 1.5) * 40).astype(np.uint16) % 4
        np.save(f'{out}/seg.npy', seg)
        ids = [int(i) for i in np.unique(seg) if i != 0]
        res['seg-labels'] = {'n': len(ids), 'sizes': sorted(int((seg == i).sum()) for i in ids)}
        split = []
        for i in ids:
            lab, n = ndimage.label(seg == i)
            split += np.bincount(lab.ravel())[1:].tolist()
        res['seg-split'] = {'n': len(split), 'sizes': sorted(split)}
        print(json.dumps(res))
        """;
    truth = new ObjectMapper().readTree(Python.run(script, dir.toString()));
  }

  /** The npy volume as a Zarr array with the given chunks (so cuboids can be that small). */
  static String zarr(String name, Size3 chunks) {
    return TestVolumes.zarrCopy(dir.resolve(name + ".npy"), chunks);
  }

  static List<Long> sizes(Dataset<Row> objects) {
    List<Long> sizes = new ArrayList<>();
    for (Row r : objects.select("voxels").collectAsList()) {
      sizes.add(r.getLong(0));
    }
    sizes.sort(null);
    return sizes;
  }

  static List<Long> expectedSizes(JsonNode t) {
    List<Long> s = new ArrayList<>();
    t.get("sizes").forEach(n -> s.add(n.asLong()));
    return s;
  }

  @Test
  void matchesScipyForEveryConnectivityAndCuboidShape(SparkSession spark) {
    String[] cuboids = {"8,8,8", "1,16,5", "16,1,16", "5,5,1", "64,64,64", "7,9,3"};
    for (String name : new String[] {"blobs", "helix"}) {
      for (String cuboid : cuboids) {
        String url = zarr(name, Size3.parse(cuboid));
        for (int conn = 1; conn <= 3; conn++) {
          if (conn == 2 && !cuboid.equals("7,9,3") && !cuboid.equals("1,16,5")) {
            continue; // 18-connectivity on two shapes keeps the test short
          }
          JsonNode t = truth.get(name + "-" + conn);
          String what = name + " cuboid " + cuboid + " connectivity " + conn;
          String labelsOut = "zarr:" + dir.resolve("out-" + name + cuboid + conn);
          Dataset<Row> objects = CellCount.run(spark, url, CountOptions.threshold(128)
              .withConnectivity(Connectivity.values()[conn - 1]).withLabelsOut(labelsOut));
          assertEquals(t.get("n").asLong(), objects.count(), what);
          assertEquals(expectedSizes(t), sizes(objects), what);
          try (VolumeReader r = Volumes.open(labelsOut)) {
            assertEquals(t.get("crc").asLong(), r.readAll().checksum(), what + " labels");
          }
        }
      }
    }
  }

  @Test
  void labelVolumesCountByIdOrByComponentOfEachId(SparkSession spark) {
    for (String cuboid : new String[] {"8,8,8", "3,40,2"}) {
      String url = zarr("seg", Size3.parse(cuboid));
      Dataset<Row> byId = CellCount.run(spark, url, CountOptions.labels());
      assertEquals(expectedSizes(truth.get("seg-labels")), sizes(byId), cuboid);
      Dataset<Row> split = CellCount.run(spark, url, CountOptions.splitLabels());
      assertEquals(truth.get("seg-split").get("n").asLong(), split.count(), cuboid);
      assertEquals(expectedSizes(truth.get("seg-split")), sizes(split), cuboid);
    }
  }

  @Test
  void sizeFiltersBoxesAndStatisticsAreRight(SparkSession spark) {
    String url = zarr("blobs", new Size3(8, 8, 8));
    List<Long> all = expectedSizes(truth.get("blobs-1"));
    long min = all.get(all.size() / 2);
    Dataset<Row> big = CellCount.run(spark, url, CountOptions.threshold(128).withSizes(min,
        Long.MAX_VALUE));
    assertEquals(all.stream().filter(s -> s >= min).count(), big.count());
    // Ids are consecutive from 1 after filtering; centroids and boxes agree with the voxels.
    Volume v;
    try (VolumeReader r = Volumes.open(url)) {
      v = r.readAll();
    }
    List<Row> rows = big.orderBy("id").collectAsList();
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      assertEquals(i + 1L, r.getLong(0));
      BoundingBox b = new BoundingBox(r.getLong(5), r.getLong(8), r.getLong(6), r.getLong(9),
          r.getLong(7), r.getLong(10));
      assertTrue(v.shape().contains(b));
      double cx = r.getDouble(2);
      assertTrue(cx >= b.x0() && cx < b.x1(), "centroid inside the box");
    }
    // A box: only objects inside it, counted in the box's own coordinates.
    BoundingBox box = BoundingBox.parse("10:40,5:40,2:18");
    Dataset<Row> inBox = CellCount.run(spark, url, CountOptions.threshold(128).withBox(box));
    for (Row r : inBox.collectAsList()) {
      assertTrue(r.getLong(5) >= 10 && r.getLong(8) <= 40 && r.getLong(7) >= 2
          && r.getLong(10) <= 18, r.toString());
    }
  }

  /** The mitochondria and synapses of the real ssTEM stack, against scipy on the same masks. */
  @Test
  void sharedStackMasksMatchScipy(SparkSession spark) throws Exception {
    Path stack = SharedData.drosophilaStack();
    Python.require("numpy", "scipy", "imageio");
    for (String mask : new String[] {"mitochondria", "synapses"}) {
      String z = "zarr:" + dir.resolve(mask);
      try (VolumeReader r = Volumes.open("png:" + stack.resolve(mask))) {
        TestVolumes.write(z, r.readAll(), new Size3(256, 256, 4), null);
      }
      String script = """
          import sys, glob, json, numpy as np, imageio
          from scipy import ndimage
          a = np.stack([np.asarray(imageio.imread(f)) for f in sorted(glob.glob(sys.argv[1] + '/*.png'))])
          out = {}
          for conn in (1, 3):
              lab, n = ndimage.label(a >= 128, structure=ndimage.generate_binary_structure(3, conn))
              out[str(conn)] = sorted(np.bincount(lab.ravel())[1:].tolist())
          print(json.dumps(out))
          """;
      JsonNode expected = new ObjectMapper().readTree(Python.run(script,
          stack.resolve(mask).toString()));
      for (int conn : new int[] {1, 3}) {
        Dataset<Row> objects = CellCount.run(spark, z, CountOptions.threshold(128)
            .withConnectivity(Connectivity.of(conn == 1 ? 6 : 26))
            .withCuboid(new Size3(256, 512, 8)));
        List<Long> want = new ArrayList<>();
        expected.get(String.valueOf(conn)).forEach(n -> want.add(n.asLong()));
        assertEquals(want, sizes(objects), mask + " connectivity " + conn);
      }
    }
  }
}
