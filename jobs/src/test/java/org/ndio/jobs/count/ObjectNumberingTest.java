package org.ndio.jobs.count;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ndio.spark.SparkExtension;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Size3;
import scala.Tuple2;

/**
 * The numbering against a plain sort of the same objects: random pieces of random objects,
 * scattered over partitions, must come out merged, filtered by size and numbered in the C
 * order of each object's first voxel, whether the objects spread over the box or crowd into
 * one corner of it (one partition of the sort).
 */
@ExtendWith(SparkExtension.class)
class ObjectNumberingTest {

  private static final BoundingBox BOX = BoundingBox.at(5, 7, 3, 40, 30, 20);
  private static final CountGrid GRID = new CountGrid(BOX, new Size3(16, 16, 8));

  @Test
  void numbersMergedObjectsInFirstVoxelOrder(SparkSession spark) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    for (long seed = 1; seed <= 3; seed++) {
      for (int zDepth : new int[] {(int) BOX.sizeZ(), 1}) {
        Random rnd = new Random(seed);
        List<Tuple2<Long, Tuple2<Long, ObjectPiece>>> pieces = pieces(rnd, 300, zDepth);
        Map<Long, long[]> expected = expected(pieces, 3, 60);
        int partitions = 1 + rnd.nextInt(9);
        Map<Long, long[]> got = new HashMap<>();
        ObjectNumbering n = ObjectNumbering.of(jsc.parallelizePairs(pieces, partitions), GRID,
            3, 60);
        try {
          for (Tuple2<Tuple2<Long, ObjectPiece>, Long> t : n.numbered().collect()) {
            got.put(t._1()._1(), new long[] {t._2(), t._1()._2().voxels()});
          }
        } finally {
          n.close();
        }
        String what = "seed " + seed + " depth " + zDepth + " partitions " + partitions;
        assertEquals(expected.keySet(), got.keySet(), what);
        expected.forEach((root, e) -> assertEquals(List.of(e[0], e[1]),
            List.of(got.get(root)[0], got.get(root)[1]), what + " root " + root));
      }
    }
  }

  /**
   * Objects of one to four pieces each, every piece at its own voxel of the box's first
   * {@code zDepth} sections, shuffled so an object's pieces land in different partitions.
   */
  private static List<Tuple2<Long, Tuple2<Long, ObjectPiece>>> pieces(Random rnd, int objects,
      int zDepth) {
    Set<Long> used = new HashSet<>();
    List<Tuple2<Long, Tuple2<Long, ObjectPiece>>> out = new ArrayList<>();
    for (int o = 0; o < objects; o++) {
      long root = rnd.nextLong() >>> 1;
      int count = 1 + rnd.nextInt(4);
      for (int i = 0; i < count; i++) {
        long x;
        long y;
        long z;
        do {
          x = BOX.x0() + rnd.nextInt((int) BOX.sizeX());
          y = BOX.y0() + rnd.nextInt((int) BOX.sizeY());
          z = BOX.z0() + rnd.nextInt(zDepth);
        } while (!used.add(GRID.pack(x, y, z)));
        long v = 1 + rnd.nextInt(25);
        ObjectPiece p = new ObjectPiece(v, v * x, v * y, v * z, x, y, z, x, y, z, x, y, z, 1);
        out.add(new Tuple2<>(root, new Tuple2<>(rnd.nextLong(), p)));
      }
    }
    Collections.shuffle(out, rnd);
    return out;
  }

  /** Root to {index, voxels} of the objects within [min, max], by a sort on the driver. */
  private static Map<Long, long[]> expected(List<Tuple2<Long, Tuple2<Long, ObjectPiece>>> pieces,
      long min, long max) {
    Map<Long, long[]> byRoot = new HashMap<>(); // root -> {voxels, first voxel packed}
    for (Tuple2<Long, Tuple2<Long, ObjectPiece>> t : pieces) {
      ObjectPiece p = t._2()._2();
      long packed = GRID.pack(p.firstX(), p.firstY(), p.firstZ());
      byRoot.merge(t._1(), new long[] {p.voxels(), packed},
          (a, b) -> new long[] {a[0] + b[0], Math.min(a[1], b[1])});
    }
    List<Map.Entry<Long, long[]>> kept = new ArrayList<>(byRoot.entrySet());
    kept.removeIf(e -> e.getValue()[0] < min || e.getValue()[0] > max);
    kept.sort(Comparator.comparingLong(e -> e.getValue()[1]));
    Map<Long, long[]> out = new HashMap<>();
    for (int i = 0; i < kept.size(); i++) {
      out.put(kept.get(i).getKey(), new long[] {i, kept.get(i).getValue()[0]});
    }
    return out;
  }
}
