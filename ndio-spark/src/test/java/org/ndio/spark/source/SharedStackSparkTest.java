package org.ndio.spark.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ndio.spark.Ndio;
import org.ndio.spark.SparkExtension;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import org.ndio.testing.Python;
import org.ndio.testing.SharedData;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/** The real ssTEM stack through the Spark source in local[2], out and back. */
@ExtendWith(SparkExtension.class)
class SharedStackSparkTest {

  @TempDir
  static Path dir;

  static Volume stack;
  static String zarr;

  @BeforeAll
  static void stackAsZarr() {
    try (VolumeReader r = Volumes.open("tiff:" + SharedData.drosophilaStack().resolve("raw"))) {
      stack = r.readAll();
    }
    zarr = "zarr:" + dir.resolve("stack.zarr");
    TestVolumes.write(zarr, stack, new Size3(128, 128, 8), null);
  }

  @ParameterizedTest
  @ValueSource(strings = {"128,128,8", "256,512,16", "1024,128,20", "384,384,4"})
  void cuboidsOfSeveralShapesReassembleAndWriteBackIdentically(String cuboid,
      SparkSession spark) throws Exception {
    var rows = Ndio.read(spark, zarr, Map.of("cuboid", cuboid));
    assertEquals(stack, CuboidSourceTest.assemble(rows, stack.shape(), DataType.UINT8));
    Path out = dir.resolve("back-" + cuboid.replace(',', 'x') + ".zarr");
    rows.write().format("ndio").option("url", "zarr:" + out).save();
    try (VolumeReader r = Volumes.open("zarr:" + out)) {
      assertEquals(stack, r.readAll());
    }
    // zarr-python reads what Spark wrote as the same voxels tifffile reads from the sections.
    Python.require("numpy", "zarr", "tifffile");
    String same = Python.run("""
        import sys, glob, numpy as np, tifffile, zarr
        a = np.stack([tifffile.imread(f) for f in sorted(glob.glob(sys.argv[1] + '/*.tif'))])
        z = zarr.open_array(sys.argv[2], mode='r')
        print(z.shape == a.shape and z.dtype == a.dtype and bool((z[...] == a).all()))
        """, SharedData.drosophilaStack().resolve("raw").toString(), out.toString()).strip();
    assertEquals("True", same);
  }
}
