package org.ndio.jobs.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ndio.jobs.count.CellCount;
import org.ndio.jobs.count.CountOptions;
import org.ndio.spark.SparkExtension;
import org.ndio.store.Volumes;
import org.ndio.synthetic.CellTruth;
import org.ndio.synthetic.SyntheticReader;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Size3;

/**
 * The distributed count of a synthetic volume against the truth its generator knows: the same
 * cells, voxel for voxel, whatever cuboids split them.
 */
@ExtendWith(SparkExtension.class)
class SyntheticCountTest {

  private static final String URL =
      "synthetic:cells?shape=300,260,50&chunks=32,32,8&seed=5&spacing=30,26,11";

  private static String key(long voxels, BoundingBox b, double cx, double cy, double cz) {
    return String.format("%d %s %.6f %.6f %.6f", voxels, b, cx, cy, cz);
  }

  @Test
  void countEqualsTruthAcrossCuboidSeams(SparkSession spark) {
    List<CellTruth> truth;
    try (SyntheticReader r = (SyntheticReader) Volumes.open(URL)) {
      truth = r.cells(r.info().extent());
    }
    List<String> expected = truth.stream()
        .map(t -> key(t.voxels(), t.box(), t.centroidX(), t.centroidY(), t.centroidZ()))
        .sorted().toList();
    for (Size3 cuboid : List.of(new Size3(64, 64, 16), new Size3(96, 32, 24))) {
      List<Row> rows = CellCount.run(spark, URL,
          CountOptions.threshold(128).withCuboid(cuboid)).collectAsList();
      List<String> got = rows.stream().map(row -> key(row.getLong(1),
          new BoundingBox(row.getLong(5), row.getLong(8), row.getLong(6), row.getLong(9),
              row.getLong(7), row.getLong(10)),
          row.getDouble(2), row.getDouble(3), row.getDouble(4))).sorted().toList();
      assertEquals(expected, got, "cuboid " + cuboid);
    }
  }
}
