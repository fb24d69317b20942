package org.ndio.spark.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ndio.BoxOutOfBoundsException;
import org.ndio.NdioException;
import org.ndio.spark.Ndio;
import org.ndio.spark.SparkExtension;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.ChunkGrid;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

@ExtendWith(SparkExtension.class)
class CuboidSourceTest {

  @TempDir
  static Path dir;

  static Volume volume;
  static String url;

  @BeforeAll
  static void writeVolume() {
    volume = TestVolumes.random(DataType.UINT16, 70, 50, 23, 11);
    url = "zarr:" + dir.resolve("v.zarr");
    TestVolumes.write(url, volume, new Size3(16, 16, 8), "none");
  }

  /** Pastes every row of {@code rows} into a volume the size of {@code box}. */
  static Volume assemble(Dataset<Row> rows, BoundingBox box, DataType dtype) {
    Volume out = Volume.allocate(dtype, box);
    rows.javaRDD().map(Ndio::toCuboid).collect().forEach(c -> out.copyFrom(c.volume(),
        (int) (c.box().x0() - box.x0()), (int) (c.box().y0() - box.y0()),
        (int) (c.box().z0() - box.z0())));
    return out;
  }

  static long metric(Dataset<Row> df, String name) {
    return ReadMetrics.total(df, name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "16,16,8", "32,16,24", "20,40,1", "1000,1000,1000"})
  void cuboidsOfAnyShapeReassembleTheVolume(String cuboid, SparkSession spark) {
    Map<String, String> options = cuboid.isEmpty() ? Map.of() : Map.of("cuboid", cuboid);
    Dataset<Row> df = Ndio.read(spark, url, options);
    assertEquals(volume, assemble(df, volume.shape(), DataType.UINT16));
    Size3 expected = new ChunkGrid(new Size3(16, 16, 8)).roundUp(
        cuboid.isEmpty() ? new Size3(16, 16, 8) : Size3.parse(cuboid));
    assertEquals(new ChunkGrid(new Size3(16, 16, 8)).count(volume.shape(), expected), df.count());
  }

  @Test
  void aBoxIsCutIntoClippedChunkAlignedCuboidsAndEachChunkIsFetchedOnce(SparkSession spark) {
    BoundingBox box = new BoundingBox(5, 60, 10, 49, 3, 20);
    Dataset<Row> df = Ndio.read(spark, url, Map.of("box", box.toString(), "cuboid", "32,32,8"));
    List<Row> rows = df.collectAsList();
    Volume v = Volume.allocate(DataType.UINT16, box);
    for (Row r : rows) {
      var c = Ndio.toCuboid(r);
      assertTrue(box.contains(c.box()));
      // Interior faces lie on the 32,32,8 grid.
      assertTrue(c.box().x0() == box.x0() || c.box().x0() % 32 == 0, c.box().toString());
      assertTrue(c.box().z0() == box.z0() || c.box().z0() % 8 == 0, c.box().toString());
      v.copyFrom(c.volume(), (int) (c.box().x0() - 5), (int) (c.box().y0() - 10),
          (int) (c.box().z0() - 3));
    }
    assertEquals(volume.view(5, 10, 3, 55, 39, 17), v);
    long chunksInBox = new ChunkGrid(new Size3(16, 16, 8)).count(box, new Size3(16, 16, 8));
    assertEquals(chunksInBox, metric(df, ReadMetrics.CHUNKS));
    assertEquals(box.voxels() * 2, metric(df, ReadMetrics.VOXEL_BYTES));
  }

  @Test
  void countsAndCoordinateQueriesFetchNoVoxels(SparkSession spark) {
    Dataset<Row> all = Ndio.read(spark, url, Map.of());
    Dataset<Row> coords = all.select("x0", "z1");
    assertEquals(5 * 4 * 3, coords.collectAsList().size());
    assertEquals(0, metric(coords, ReadMetrics.CHUNKS));
    assertEquals(0, metric(coords, ReadMetrics.VOXEL_BYTES));
    assertEquals(60, all.count());
  }

  @Test
  void coordinateFiltersArePushedDownAndExact(SparkSession spark) {
    Dataset<Row> all = Ndio.read(spark, url, Map.of());
    Dataset<Row> filtered = all.filter("z0 >= 8 AND x1 <= 32 AND (y0 = 0 OR y0 IN (32, 48))");
    List<Row> rows = filtered.collectAsList();
    Set<String> boxes = rows.stream().map(r -> Ndio.toCuboid(r).box().toString())
        .collect(Collectors.toSet());
    Set<String> expected = new ChunkGrid(new Size3(16, 16, 8))
        .cuboids(volume.shape(), new Size3(16, 16, 8)).stream()
        .filter(b -> b.z0() >= 8 && b.x1() <= 32 && (b.y0() == 0 || b.y0() == 32 || b.y0() == 48))
        .map(BoundingBox::toString).collect(Collectors.toSet());
    assertEquals(expected, boxes);
    assertEquals(expected.size(), metric(filtered, ReadMetrics.CHUNKS), "only those are fetched");
    // The same rows, voxels included, as Spark's own filter over all rows gives.
    Dataset<Row> sparkFiltered = spark.createDataFrame(all.collectAsList(), all.schema())
        .filter("z0 >= 8 AND x1 <= 32 AND (y0 = 0 OR y0 IN (32, 48))");
    SparkExtension.compare().assertDataFrameNoOrderEquals(sparkFiltered, filtered);
  }

  @Test
  void partitionsHoldAtMostMaxPartitionBytes(SparkSession spark) {
    // A whole cuboid of 16x16x8 uint16 is 4096 bytes: at most 3 fit in 12288.
    Dataset<Row> coords = Ndio.read(spark, url, Map.of("maxPartitionBytes", "12288"))
        .select("x0", "y0", "z0", "x1", "y1", "z1");
    List<List<Row>> partitions = coords.javaRDD().glom().collect();
    long total = 0;
    for (List<Row> p : partitions) {
      long bytes = p.stream().mapToLong(r -> 2 * (r.getLong(3) - r.getLong(0))
          * (r.getLong(4) - r.getLong(1)) * (r.getLong(5) - r.getLong(2))).sum();
      assertTrue(bytes <= 12288, "partition of " + bytes + " bytes");
      total += bytes;
    }
    assertEquals(volume.voxels() * 2, total);
    assertTrue(partitions.size() >= total / 12288, partitions.size() + " partitions");
    assertTrue(Ndio.read(spark, url, Map.of()).javaRDD().getNumPartitions() >= 2,
        "a small volume is still split over the two cores");
  }

  @Test
  void badOptionsNameTheProblem(SparkSession spark) {
    assertThrows(BoxOutOfBoundsException.class,
        () -> Ndio.read(spark, url, Map.of("box", "0:71,0:50,0:23")).count());
    NdioException e = assertThrows(NdioException.class,
        () -> spark.read().format("ndio").load().count());
    assertTrue(e.getMessage().contains("url"), e.getMessage());
    NdioException r = assertThrows(NdioException.class,
        () -> Ndio.read(spark, url, Map.of("resolution", "1")).count());
    assertTrue(r.getMessage().contains("resolution level 1"), r.getMessage());
  }
}
