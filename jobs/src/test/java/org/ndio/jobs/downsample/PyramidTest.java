package org.ndio.jobs.downsample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.NdioException;
import org.ndio.jobs.kernel.Downsampling;
import org.ndio.jobs.kernel.DownsamplingTest;
import org.ndio.jobs.kernel.Reduction;
import org.ndio.remote.boss.BossFixture;
import org.ndio.remote.boss.BossRemote;
import org.ndio.spark.SparkExtension;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import org.ndio.testing.Python;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;
import org.ndio.volume.VoxelSize;

@ExtendWith(SparkExtension.class)
class PyramidTest {

  @TempDir
  Path dir;

  /** Each level, read back with zarr-python, against numpy block reductions of the one above. */
  private void checkWithNumpy(String group, List<String> factors, String how) throws Exception {
    Python.require("numpy", "zarr");
    String script = DownsamplingTest.REFERENCE.substring(0,
        DownsamplingTest.REFERENCE.indexOf("a = np.load")) + """
        import zarr
        g = zarr.open_group(sys.argv[1], mode='r')
        ms = g.attrs['multiscales'][0]
        paths = [d['path'] for d in ms['datasets']]
        factors = [tuple(int(x) for x in f.split(','))[::-1] for f in sys.argv[2].split(';')]
        out = {'paths': paths, 'axes': [a['name'] for a in ms['axes']],
               'scales': [d['coordinateTransformations'][0]['scale'] for d in ms['datasets']],
               'match': []}
        for i, f in enumerate(factors):
            expected = reduce(g[paths[i]][...], f, sys.argv[3])
            got = g[paths[i + 1]][...]
            out['match'].append(bool(got.shape == expected.shape and (got == expected).all()))
        print(json.dumps(out))
        """;
    JsonNode r = new ObjectMapper().readTree(Python.run(script, group,
        String.join(";", factors), how));
    assertEquals(factors.size() + 1, r.get("paths").size());
    assertEquals("[\"z\",\"y\",\"x\"]", r.get("axes").toString());
    r.get("match").forEach(m -> assertTrue(m.asBoolean(), r.toString()));
  }

  @Test
  void aNewPyramidFromAnArrayMatchesNumpyAndOpensInZarrPython(SparkSession spark)
      throws Exception {
    Volume v = TestVolumes.random(DataType.UINT8, 70, 45, 23, 3);
    String src = "zarr:" + dir.resolve("src");
    TestVolumes.write(src, v, new Size3(16, 16, 8), null);
    String group = "zarr:" + dir.resolve("pyramid");
    // A small pass budget makes two passes of the three levels.
    Pyramid.Result r = Pyramid.run(spark, src, Pyramid.Options.of(3)
        .withFactor(new Size3(2, 2, 1)).withOut(group).withPassBytes(8 * 1024));
    assertTrue(r.passes() >= 2, "passes: " + r.passes());
    assertEquals(4, r.extents().size());
    assertEquals(9, r.extents().get(3).sizeX()); // ceil(70 / 8)
    assertEquals(23, r.extents().get(3).sizeZ());
    try (VolumeReader p = Volumes.open(group)) {
      assertEquals(v, p.readAll(), "level 0 is the source");
      assertEquals(4, p.levelCount());
    }
    checkWithNumpy(dir.resolve("pyramid").toString(), List.of("2,2,1", "2,2,1", "2,2,1"),
        "mean");
  }

  @Test
  void aSourceWhoseExtentDoesNotStartAtTheOriginBecomesLevelZeroAtIt(SparkSession spark)
      throws Exception {
    Volume v = TestVolumes.random(DataType.UINT8, 70, 45, 23, 6);
    BoundingBox frame = new BoundingBox(40, 110, 20, 65, 3, 26, 0);
    try (BossFixture f = BossFixture.start(dir.resolve("boss"), Optional.empty())) {
      f.channel("lab", "em", "img", DataType.UINT8, frame, 1, "anisotropic");
      try (BossRemote boss = f.open("lab", "em", "img", BossFixture.FAST)) {
        boss.postCutout(frame.x0(), frame.y0(), frame.z0(), 0, v);
      }
      String group = "zarr:" + dir.resolve("from-boss");
      // Two passes, so the second reads the level 0 the first one wrote.
      Pyramid.Result r = Pyramid.run(spark, f.url("lab", "em", "img"), Pyramid.Options.of(2)
          .withFactor(new Size3(2, 2, 1)).withOut(group).withPassBytes(2 * 1024));
      assertEquals(2, r.passes());
      try (VolumeReader p = Volumes.open(group)) {
        assertEquals(BoundingBox.ofShape(70, 45, 23), p.info().extent());
        assertEquals(v, p.readAll(), "level 0 is the source, moved to the origin");
        Volume one = Downsampling.reduce(v, new Size3(2, 2, 1), Reduction.MEAN);
        assertEquals(one, p.level(1).readAll());
        assertEquals(Downsampling.reduce(one, new Size3(2, 2, 1), Reduction.MEAN),
            p.level(2).readAll());
      }
    }
  }

  @Test
  void labelsGainModeLevelsInPlace(SparkSession spark) throws Exception {
    Volume v = TestVolumes.random(DataType.UINT64, 40, 33, 17, 4);
    for (int z = 0; z < 17; z++) {
      for (int y = 0; y < 33; y++) {
        for (int x = 0; x < 40; x++) {
          v.setLong(x, y, z, Math.floorMod(v.getLong(x, y, z), 3) * 1000);
        }
      }
    }
    String src = "zarr:" + dir.resolve("labels");
    TestVolumes.write(src, v, new Size3(8, 8, 8), null);
    String group = "zarr:" + dir.resolve("labels-pyramid");
    Pyramid.run(spark, src, Pyramid.Options.of(1).withFactor(new Size3(2, 2, 2))
        .withOut(group));
    // The group now gains two more levels in place, with the default reduction (mode for
    // uint64).
    Pyramid.Result r = Pyramid.run(spark, group, Pyramid.Options.of(2)
        .withFactor(new Size3(2, 2, 2)));
    assertEquals(4, r.extents().size());
    checkWithNumpy(dir.resolve("labels-pyramid").toString(),
        List.of("2,2,2", "2,2,2", "2,2,2"), "mode");
  }

  @Test
  void autoFactorsApproachIsotropyAndBadRequestsAreNamed(SparkSession spark) {
    assertEquals(new Size3(2, 2, 1), Pyramid.autoFactor(new VoxelSize(4.6, 4.6, 50, null)));
    assertEquals(new Size3(2, 2, 2), Pyramid.autoFactor(new VoxelSize(36.8, 36.8, 50, null)));
    String src = "zarr:" + dir.resolve("plain");
    TestVolumes.write(src, TestVolumes.random(DataType.UINT8, 8, 8, 8, 1), null, null);
    NdioException e = assertThrows(NdioException.class,
        () -> Pyramid.run(spark, src, Pyramid.Options.of(1)));
    assertTrue(e.getMessage().contains("--out"), e.getMessage());
    assertThrows(NdioException.class, () -> Pyramid.run(spark, src,
        Pyramid.Options.of(1).withReduction(Reduction.MODE).withOut("npy:" + dir.resolve("x"))));
  }
}
