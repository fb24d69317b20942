package org.ndio.spark.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.ndio.DataTypeException;
import org.ndio.NdioException;
import org.ndio.VolumeExistsException;
import org.ndio.spark.Ndio;
import org.ndio.spark.SparkExtension;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

@ExtendWith(SparkExtension.class)
class CuboidWriteTest {

  @TempDir
  Path dir;

  private String source(Volume v, String name) {
    String url = "zarr:" + dir.resolve(name);
    TestVolumes.write(url, v, new Size3(16, 16, 8), null);
    return url;
  }

  private static Volume read(String url) {
    try (VolumeReader r = Volumes.open(url)) {
      return r.readAll();
    }
  }

  @Test
  void aVolumeReadAndWrittenBackIsIdentical(SparkSession spark) {
    Volume v = TestVolumes.random(DataType.UINT32, 61, 47, 19, 1);
    String in = source(v, "in");
    String out = "zarr:" + dir.resolve("out");
    Ndio.read(spark, in, Map.of("cuboid", "32,32,16")).write().format("ndio")
        .option("url", out).option("compressor", "blosc:zstd:3:bit").save();
    assertEquals(v, read(out));
    try (VolumeReader r = Volumes.open(out)) {
      assertEquals(new Size3(32, 32, 16), r.info().chunks(), "chunks follow the rows");
      assertEquals("blosc:zstd:3:bit", r.info().compressor());
    }
  }

  @Test
  void saveModesBehaveAsSparkUsersExpect(SparkSession spark) throws Exception {
    Volume a = TestVolumes.random(DataType.UINT8, 40, 30, 10, 2);
    Volume b = TestVolumes.random(DataType.UINT8, 40, 30, 10, 3);
    Dataset<Row> rowsA = Ndio.read(spark, source(a, "a"), Map.of());
    Dataset<Row> rowsB = Ndio.read(spark, source(b, "b"), Map.of());
    String out = "zarr:" + dir.resolve("target");

    rowsA.write().format("ndio").option("url", out).mode(SaveMode.ErrorIfExists).save();
    assertEquals(a, read(out));
    VolumeExistsException e = assertThrows(VolumeExistsException.class,
        () -> rowsB.write().format("ndio").option("url", out).save());
    assertTrue(e.getMessage().contains("already exists"), e.getMessage());
    rowsB.write().format("ndio").option("url", out).mode(SaveMode.Ignore).save();
    assertEquals(a, read(out), "ignore leaves an existing volume alone");
    rowsB.write().format("ndio").option("url", out).mode(SaveMode.Overwrite).save();
    assertEquals(b, read(out));
    rowsA.filter("z0 >= 8 AND x0 < 16").write().format("ndio").option("url", out)
        .mode(SaveMode.Append).save();
    Volume mixed = b.copy();
    mixed.copyFrom(a.view(0, 0, 8, 16, 30, 2), 0, 0, 8);
    assertEquals(mixed, read(out), "append replaces only the rows written");
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of("a", "b", "target"),
          s.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary leftovers");
    }
  }

  @Test
  void aFailedWriteLeavesNoTarget(SparkSession spark) throws Exception {
    Volume v = TestVolumes.random(DataType.UINT16, 20, 20, 4, 4);
    Dataset<Row> rows = Ndio.read(spark, source(v, "v"), Map.of());
    // A row whose data is shorter than its box fails its task.
    Dataset<Row> broken = rows.withColumn("data",
        org.apache.spark.sql.functions.expr("IF(x0 = 16, substring(data, 1, 10), data)"));
    String out = "zarr:" + dir.resolve("broken");
    NdioException e = assertThrows(NdioException.class,
        () -> broken.write().format("ndio").option("url", out).save());
    assertTrue(e.getMessage().contains("carries 10 bytes"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("broken")));
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(1, s.count(), "the temporary array is removed");
    }
  }

  @Test
  void rowsThatCannotFormAVolumeAreRefused(SparkSession spark) {
    Dataset<Row> rows = Ndio.read(spark, source(TestVolumes.random(DataType.UINT8, 20, 20, 4, 5),
        "u8"), Map.of());
    Dataset<Row> other = Ndio.read(spark, source(TestVolumes.random(DataType.INT16, 20, 20, 4,
        6), "i16"), Map.of());
    assertThrows(DataTypeException.class, () -> rows.union(other).write().format("ndio")
        .option("url", "zarr:" + dir.resolve("mixed")).save());
    NdioException missing = assertThrows(NdioException.class, () -> rows.drop("dtype").write()
        .format("ndio").option("url", "zarr:" + dir.resolve("x")).save());
    assertTrue(missing.getMessage().contains("dtype"), missing.getMessage());
    assertThrows(NdioException.class, () -> rows.write().format("ndio")
        .option("url", "npy:" + dir.resolve("x.npy")).save());
  }
}
