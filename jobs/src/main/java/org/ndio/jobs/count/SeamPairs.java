package org.ndio.jobs.count;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

/**
 * The distinct pairs of pieces that touch across seams: each cuboid's wants (the voxels just
 * outside it that its face voxels touch) are matched against the face voxels of the cuboid
 * that holds them, on voxel and value. The shuffle moves one array record per cuboid and
 * neighbour, not one boxed record per boundary voxel: a join of those spent most of a
 * count's task and GC time at 64x the ssTEM stack. A pair's face belongs to one cuboid, so
 * every pair is found in one task and distinct there.
 */
final class SeamPairs {

  private SeamPairs() {}

  static JavaPairRDD<Long, Long> of(JavaRDD<CuboidAnalysis> local, CountGrid grid) {
    JavaPairRDD<Integer, CuboidAnalysis.Positions> faces = local
        .filter(a -> a.faces().pos().length > 0)
        .mapToPair(a -> new Tuple2<>(cuboidOf(a.faces().key()[0]), a.faces()));
    JavaPairRDD<Integer, CuboidAnalysis.Positions> wants = local
        .flatMapToPair(a -> byTarget(a.wants(), grid));
    return faces.cogroup(wants, Math.max(1, local.getNumPartitions()))
        .flatMapToPair(t -> match(t._2()._1(), t._2()._2()));
  }

  /** The cuboid index a piece key carries ({@link CountGrid#key}). */
  private static int cuboidOf(long key) {
    return (int) (key >>> 32);
  }

  /** The wants of one cuboid, split by the cuboid that holds each wanted voxel. */
  private static Iterator<Tuple2<Integer, CuboidAnalysis.Positions>> byTarget(
      CuboidAnalysis.Positions w, CountGrid grid) {
    Map<Integer, int[]> counts = new HashMap<>();
    int[] target = new int[w.pos().length];
    for (int i = 0; i < target.length; i++) {
      target[i] = grid.indexOfPacked(w.pos()[i]);
      counts.computeIfAbsent(target[i], k -> new int[1])[0]++;
    }
    Map<Integer, long[][]> split = new HashMap<>();
    Map<Integer, int[]> filled = new HashMap<>();
    for (Map.Entry<Integer, int[]> e : counts.entrySet()) {
      int n = e.getValue()[0];
      split.put(e.getKey(), new long[][] {new long[n], new long[n], new long[n]});
      filled.put(e.getKey(), new int[1]);
    }
    for (int i = 0; i < target.length; i++) {
      long[][] s = split.get(target[i]);
      int j = filled.get(target[i])[0]++;
      s[0][j] = w.pos()[i];
      s[1][j] = w.value()[i];
      s[2][j] = w.key()[i];
    }
    List<Tuple2<Integer, CuboidAnalysis.Positions>> out = new ArrayList<>(split.size());
    split.forEach((k, s) -> out.add(new Tuple2<>(k,
        new CuboidAnalysis.Positions(s[0], s[1], s[2]))));
    return out.iterator();
  }

  /** Pairs (want's piece, face's piece) of one cuboid's faces and the wants that reach it. */
  private static Iterator<Tuple2<Long, Long>> match(
      Iterable<CuboidAnalysis.Positions> facesOfCuboid,
      Iterable<CuboidAnalysis.Positions> wantsOfCuboid) {
    Iterator<CuboidAnalysis.Positions> f = facesOfCuboid.iterator();
    if (!f.hasNext()) {
      return List.<Tuple2<Long, Long>>of().iterator();
    }
    CuboidAnalysis.Positions faces = f.next(); // one record per cuboid
    long[] pos = faces.pos();
    int[] order = sortedOrder(pos);
    long[] sorted = new long[pos.length];
    for (int i = 0; i < order.length; i++) {
      sorted[i] = pos[order[i]];
    }
    Set<Tuple2<Long, Long>> pairs = new HashSet<>();
    for (CuboidAnalysis.Positions w : wantsOfCuboid) {
      for (int i = 0; i < w.pos().length; i++) {
        int at = Arrays.binarySearch(sorted, w.pos()[i]);
        // A voxel is one face record of its cuboid: at most one match, if the values agree.
        if (at >= 0 && faces.value()[order[at]] == w.value()[i]) {
          pairs.add(new Tuple2<>(w.key()[i], faces.key()[order[at]]));
        }
      }
    }
    return pairs.iterator();
  }

  /** Indices of {@code pos} in increasing order of their values. */
  private static int[] sortedOrder(long[] pos) {
    int[] order = new int[pos.length];
    boolean ascending = true;
    for (int i = 0; i < pos.length; i++) {
      order[i] = i;
      ascending &= i == 0 || pos[i - 1] < pos[i];
    }
    if (ascending) {
      return order; // the analysis records faces in C order
    }
    return IntStream.range(0, pos.length).boxed()
        .sorted((a, b) -> Long.compare(pos[a], pos[b])).mapToInt(Integer::intValue).toArray();
  }
}
