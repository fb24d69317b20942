package org.ndio.jobs.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.jobs.convert.Convert;
import org.ndio.jobs.convert.SparkConvert;
import org.ndio.remote.boss.BossFixture;
import org.ndio.spark.SparkExtension;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import org.ndio.store.WriteMode;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/** {@code ndio convert} to and from a BOSS channel, in one process and as a Spark job. */
@ExtendWith(SparkExtension.class)
class BossConvertTest {

  @TempDir
  Path dir;

  private static Volume readAll(String url) {
    try (VolumeReader r = Volumes.open(url)) {
      return r.readAll();
    }
  }

  @Test
  void singleProcessAndSparkConvertsToBossAgree(SparkSession spark) throws Exception {
    Volume v = TestVolumes.random(DataType.UINT16, 300, 200, 24, 5);
    String src = "zarr:" + dir.resolve("src");
    TestVolumes.write(src, v, new Size3(64, 64, 8), null);
    try (BossFixture f = BossFixture.start(dir.resolve("server"), Optional.empty())) {
      Convert.Options whole = new Convert.Options(Optional.empty(), Optional.empty(),
          Optional.empty(), WriteMode.ERROR_IF_EXISTS);
      String byProcess = f.url("lab", "em", "by_process");
      String bySpark = f.url("lab", "em", "by_spark");
      assertTrue(SparkConvert.supports(bySpark));
      Convert.run(src, byProcess, whole, Convert.Progress.NONE);
      SparkConvert.run(spark, src, bySpark, whole);
      assertEquals(v, readAll(byProcess));
      assertEquals(v, readAll(bySpark));

      // And back out of the service into zarr, as `ndio convert boss://... zarr:...` does.
      String back = "zarr:" + dir.resolve("back");
      Convert.run(bySpark, back, Convert.Options.defaults(), Convert.Progress.NONE);
      assertEquals(v, readAll(back));

      // An unaligned box into new channels of the box's shape: same voxels either way.
      BoundingBox box = BoundingBox.parse("3:290,5:190,1:23");
      Convert.Options part = new Convert.Options(Optional.of(box), Optional.empty(),
          Optional.empty(), WriteMode.CREATE_OR_APPEND);
      Convert.run(src, f.url("lab", "part", "one"), part, Convert.Progress.NONE);
      SparkConvert.run(spark, src, f.url("lab", "part", "two"), part);
      assertEquals(v.view(box), readAll(f.url("lab", "part", "one")));
      assertEquals(v.view(box), readAll(f.url("lab", "part", "two")));
    }
  }
}
