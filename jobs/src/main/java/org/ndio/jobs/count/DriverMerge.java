package org.ndio.jobs.count;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * The seam merge on the driver: a union-find over the collected pairs, whose roots map (one
 * entry per piece that touches another) goes to the tasks as a broadcast. Quick for the
 * pairs of a modest volume; its memory grows with them, so {@link SeamMerge#of} bounds it.
 */
final class DriverMerge implements SeamMerge {

  private final Broadcast<Map<Long, Long>> roots;
  private final SeamStats stats;

  private DriverMerge(Broadcast<Map<Long, Long>> roots, SeamStats stats) {
    this.roots = roots;
    this.stats = stats;
  }

  static DriverMerge of(JavaSparkContext jsc, List<Tuple2<Long, Long>> pairs) {
    Map<Long, Long> roots = roots(pairs);
    long crossing = roots.size() + new HashSet<>(roots.values()).size();
    // Held at once: the pairs, the union-find's parents and the roots (as many as parents).
    SeamStats stats = new SeamStats(pairs.size(), crossing, "driver",
        pairs.size() + 2L * roots.size(), 0);
    return new DriverMerge(jsc.broadcast(roots), stats);
  }

  /** Each piece of a pair that is not the smallest of its component, to that smallest. */
  static Map<Long, Long> roots(List<Tuple2<Long, Long>> pairs) {
    Map<Long, Long> parent = new HashMap<>();
    for (Tuple2<Long, Long> p : pairs) {
      long a = find(parent, p._1());
      long b = find(parent, p._2());
      if (a != b) {
        // The smaller key wins, so the roots do not depend on the order of the pairs.
        parent.put(Math.max(a, b), Math.min(a, b));
      }
    }
    Map<Long, Long> roots = new HashMap<>();
    for (Long k : parent.keySet()) {
      roots.put(k, find(parent, k));
    }
    return roots;
  }

  private static long find(Map<Long, Long> parent, long k) {
    long r = k;
    Long p;
    while ((p = parent.get(r)) != null) {
      r = p;
    }
    // Path compression keeps long chains (a snake through many cuboids) from going quadratic.
    long c = k;
    while (c != r) {
      long next = parent.get(c);
      parent.put(c, r);
      c = next;
    }
    return r;
  }

  @Override
  public JavaPairRDD<Long, Tuple2<Long, ObjectPiece>> byRoot(
      JavaPairRDD<Long, ObjectPiece> pieces) {
    Broadcast<Map<Long, Long>> rootOf = roots;
    return pieces.mapToPair(t -> new Tuple2<>(rootOf.value().getOrDefault(t._1(), t._1()), t));
  }

  @Override
  public SeamStats stats() {
    return stats;
  }

  @Override
  public void close() {
    // The broadcast stays: the count's cached table may be recomputed from it.
  }
}
