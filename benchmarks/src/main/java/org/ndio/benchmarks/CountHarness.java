package org.ndio.benchmarks;

import org.apache.spark.sql.SparkSession;
import org.ndio.jobs.count.CellCount;
import org.ndio.jobs.count.CountOptions;
import org.ndio.jobs.kernel.Connectivity;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;

/**
 * {@code CountHarness URL CONNECTIVITY}: the whole count job (threshold 128) in {@code
 * local[1]} and {@code local[2]}, best of three after a warm-up; prints voxels per second.
 */
public final class CountHarness {

  private CountHarness() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    int connectivity = Integer.parseInt(args[1]);
    long voxels;
    try (VolumeReader r = Volumes.open(url)) {
      voxels = r.info().extent().voxels();
    }
    for (int cores : new int[] {1, 2}) {
      SparkSession s = SparkSourceHarness.session("local[" + cores + "]");
      CountOptions o = CountOptions.threshold(128)
          .withConnectivity(Connectivity.of(connectivity));
      long objects = 0;
      double best = Double.MAX_VALUE;
      for (int i = 0; i < 4; i++) {
        long t = System.nanoTime();
        objects = CellCount.run(s, url, o).count();
        double sec = (System.nanoTime() - t) / 1e9;
        if (i > 0) {
          best = Math.min(best, sec);
        }
      }
      System.out.printf("job local[%d] connectivity %d: %d objects, %.3f s, %.1f Mvoxel/s%n",
          cores, connectivity, objects, best, voxels / best / 1e6);
      s.stop();
    }
  }
}
