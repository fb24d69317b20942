package org.ndio.benchmarks.scale;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A count is exact when it finds as many objects as the truth has cells, and the objects'
 * voxel counts, sorted, equal the cells' (each cell is one object: same size multiset, so no
 * cell was split at a seam and none merged with another).
 */
final class CountCheck {
  private CountCheck() {}

  /** Throws {@link Mismatch} unless exact; returns what was compared. */
  static String check(Dataset<Row> table, VolumeTruth truth) {
    List<Row> rows = table.select("voxels").collectAsList();
    long[] found = new long[rows.size()];
    for (int i = 0; i < found.length; i++) {
      found[i] = rows.get(i).getLong(0);
    }
    if (found.length != truth.count() || truth.count() != truth.ids().length) {
      throw new Mismatch("count found " + found.length + " objects; truth has "
          + truth.count() + " cells (" + truth.ids().length + " listed)");
    }
    long[] want = truth.voxels().clone();
    Arrays.sort(found);
    Arrays.sort(want);
    for (int i = 0; i < want.length; i++) {
      if (found[i] != want[i]) {
        throw new Mismatch("count: the " + i + "th smallest object has " + found[i]
            + " voxels, the truth's " + want[i]);
      }
    }
    return found.length + " objects = truth cells; sorted voxel counts equal ("
        + truth.totalVoxels() + " voxels)";
  }
}
