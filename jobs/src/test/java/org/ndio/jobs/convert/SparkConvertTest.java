package org.ndio.jobs.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ndio.CorruptDataException;
import org.ndio.spark.SparkExtension;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import org.ndio.store.WriteMode;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

@ExtendWith(SparkExtension.class)
class SparkConvertTest {

  @TempDir
  Path dir;

  private static Volume read(String url) {
    try (VolumeReader r = Volumes.open(url)) {
      return r.readAll();
    }
  }

  /** The Spark job and the single-process copy agree voxel for voxel, chunk for chunk. */
  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "16,16,4;  ;                 32,32,8",
      "16,16,4;  3:61,5:40,1:13;   10,7,3",
      "7,9,5;    0:64,0:48,0:16;   16,16,16",
      "64,48,1;  10:50,2:47,4:15;  8,8,8"})
  void agreesWithTheSingleProcessCopy(String sourceChunks, String box, String targetChunks,
      SparkSession spark) throws Exception {
    Volume v = TestVolumes.random(DataType.UINT16, 64, 48, 16, 5);
    String source = "zarr:" + dir.resolve("src");
    TestVolumes.write(source, v, Size3.parse(sourceChunks), null);
    Convert.Options options = new Convert.Options(Optional.ofNullable(box)
        .map(BoundingBox::parse), Optional.of(Size3.parse(targetChunks)), Optional.empty(),
        WriteMode.ERROR_IF_EXISTS);
    String bySpark = "zarr:" + dir.resolve("spark");
    String byProcess = "zarr:" + dir.resolve("process");
    Convert.Result r = SparkConvert.run(spark, source, bySpark, options);
    Convert.run(source, byProcess, options, Convert.Progress.NONE);
    BoundingBox b = options.box().orElse(v.shape());
    Volume expected = v.view(b);
    assertEquals(expected, read(bySpark));
    assertEquals(expected, read(byProcess));
    assertEquals(b.voxels(), r.voxels());
    // The same chunk files, byte for byte: no chunk was written twice or in part.
    try (var files = Files.list(dir.resolve("process"))) {
      for (Path f : files.toList()) {
        assertEquals(-1L, Files.mismatch(f, dir.resolve("spark").resolve(f.getFileName())),
            f.getFileName().toString());
      }
    }
  }

  @Test
  void aCorruptSourceChunkFailsTheJobAndLeavesNoTarget(SparkSession spark) throws Exception {
    String source = "zarr:" + dir.resolve("src");
    TestVolumes.write(source, TestVolumes.random(DataType.UINT8, 32, 32, 8, 1),
        new Size3(16, 16, 8), "none");
    Files.write(dir.resolve("src").resolve("0.1.1"), new byte[] {1, 2, 3});
    CorruptDataException e = assertThrows(CorruptDataException.class, () -> SparkConvert.run(
        spark, source, "zarr:" + dir.resolve("out"), Convert.Options.defaults()));
    assertTrue(e.getMessage().contains("chunk 0.1.1"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("out")));
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count());
    }
  }
}
