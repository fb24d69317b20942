package org.ndio.spark.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.spark.Ndio;
import org.ndio.spark.SparkExtension;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import org.ndio.testing.MiniHdfs;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/** The source reads and writes Zarr arrays on HDFS (a mini-cluster on loopback) as on disk. */
@ExtendWith(SparkExtension.class)
class HdfsSourceTest {

  @TempDir
  static Path base;

  static MiniHdfs cluster;
  static String hdfs;

  @BeforeAll
  static void start() throws Exception {
    cluster = MiniHdfs.start(base);
    hdfs = cluster.uri();
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void readsAndWritesThroughHdfs(SparkSession spark) {
    Volume v = TestVolumes.random(DataType.UINT64, 45, 33, 17, 3);
    String in = "zarr:" + hdfs + "/data/labels.zarr";
    TestVolumes.write(in, v, new Size3(16, 16, 8), null);
    var rows = Ndio.read(spark, in, Map.of("cuboid", "32,16,8"));
    assertEquals(v, CuboidSourceTest.assemble(rows, v.shape(), DataType.UINT64));
    String out = "zarr:" + hdfs + "/data/copy.zarr";
    rows.write().format("ndio").option("url", out).save();
    try (VolumeReader r = Volumes.open(out)) {
      assertEquals(v, r.readAll());
    }
  }
}
