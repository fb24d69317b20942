package org.ndio.jobs.count;

import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.Optional;
import scala.Tuple2;

/**
 * The seam merge on the executors: the connected components of the graph of touching pairs by
 * alternating large-star and small-star steps (Kiveris et al., "Connected Components in
 * MapReduce and Beyond", SoCC 2014), until every component is a star around its smallest key.
 * The driver holds nothing per piece, and the rounds grow with the logarithm of the longest
 * path (squared at worst), not with its length as plain label propagation would. Pieces find
 * their roots by a join.
 *
 * <p>Edges are kept as (larger key, smaller key). Large-star links every neighbour larger than
 * a node to the smallest of the node's neighbourhood; small-star links a node and its smaller
 * neighbours to the smallest of them. Both keep each component connected and never add edges.
 */
final class DistributedMerge implements SeamMerge {

  /** Far above the O(log^2 n) rounds the method needs for any graph that fits a cluster. */
  private static final int MAX_ROUNDS = 500;

  private final JavaPairRDD<Long, Long> roots;
  private final SeamStats stats;

  private DistributedMerge(JavaPairRDD<Long, Long> roots, SeamStats stats) {
    this.roots = roots;
    this.stats = stats;
  }

  /** Finds the components of {@code pairs} ({@code count} distinct pairs). */
  static DistributedMerge of(JavaPairRDD<Long, Long> pairs, long count) {
    Partitioner p = new HashPartitioner(Math.max(1, pairs.getNumPartitions()));
    long pieces = pairs.flatMap(t -> List.of(t._1(), t._2()).iterator()).distinct().count();
    JavaPairRDD<Long, Long> edges = keep(pairs
        .mapToPair(t -> new Tuple2<>(Math.max(t._1(), t._2()), Math.min(t._1(), t._2())))
        .filter(t -> !t._1().equals(t._2())).distinct());
    int rounds = 0;
    while (!stars(edges, p)) {
      if (++rounds > MAX_ROUNDS) {
        throw new IllegalStateException("seam merge did not converge in " + MAX_ROUNDS
            + " rounds");
      }
      JavaPairRDD<Long, Long> next = keep(smallStar(largeStar(edges, p), p));
      // Safe only now: next is materialised with its lineage cut, so nothing reads edges.
      edges.unpersist(false);
      edges = next;
    }
    return new DistributedMerge(edges, new SeamStats(count, pieces, "distributed", 0, rounds));
  }

  /** Each piece that is not the smallest of its component, to that smallest key. */
  JavaPairRDD<Long, Long> roots() {
    return roots;
  }

  /**
   * Cached, its lineage truncated (the rounds would otherwise stack up shuffles in every later
   * plan), and materialised.
   */
  private static JavaPairRDD<Long, Long> keep(JavaPairRDD<Long, Long> edges) {
    edges.rdd().localCheckpoint();
    edges.count();
    return edges;
  }

  /** Every neighbour larger than u, to the smallest of u and its neighbours. */
  static JavaPairRDD<Long, Long> largeStar(JavaPairRDD<Long, Long> edges, Partitioner p) {
    JavaPairRDD<Long, Long> both = edges
        .flatMapToPair(t -> List.of(t, new Tuple2<>(t._2(), t._1())).iterator())
        .partitionBy(p);
    JavaPairRDD<Long, Long> least = both.reduceByKey(p, Math::min);
    return both.join(least, p)
        .filter(t -> t._2()._1() > t._1())
        .mapToPair(t -> new Tuple2<>(t._2()._1(), Math.min(t._1(), t._2()._2())))
        .distinct();
  }

  /** u and every neighbour smaller than u, to the smallest of those (edges larger first). */
  static JavaPairRDD<Long, Long> smallStar(JavaPairRDD<Long, Long> edges, Partitioner p) {
    JavaPairRDD<Long, Long> byLarger = edges.partitionBy(p);
    JavaPairRDD<Long, Long> least = byLarger.reduceByKey(p, Math::min);
    return byLarger.join(least, p)
        .mapToPair(t -> new Tuple2<>(t._2()._1(), t._2()._2()))
        .union(least)
        .filter(t -> !t._1().equals(t._2()))
        .distinct();
  }

  /**
   * Whether every component is a star around its smallest key: no key has two parents, and no
   * parent has a parent. (Edges point to smaller keys, so a star's centre is its smallest.)
   */
  static boolean stars(JavaPairRDD<Long, Long> edges, Partitioner p) {
    return edges
        .flatMapToPair(t -> List.of(new Tuple2<>(t._1(), new Tuple2<>(1, 0)),
            new Tuple2<>(t._2(), new Tuple2<>(0, 1))).iterator())
        .reduceByKey(p, (a, b) -> new Tuple2<>(a._1() + b._1(), a._2() + b._2()))
        .filter(t -> t._2()._1() > 1 || (t._2()._1() > 0 && t._2()._2() > 0))
        .isEmpty();
  }

  @Override
  public JavaPairRDD<Long, Tuple2<Long, ObjectPiece>> byRoot(
      JavaPairRDD<Long, ObjectPiece> pieces) {
    return pieces.leftOuterJoin(roots)
        .mapToPair(t -> new Tuple2<>(root(t._1(), t._2()._2()),
            new Tuple2<>(t._1(), t._2()._1())));
  }

  private static long root(long key, Optional<Long> root) {
    return root.isPresent() ? root.get() : key;
  }

  @Override
  public SeamStats stats() {
    return stats;
  }

  @Override
  public void close() {
    // The roots stay cached: the count's table is computed from them and cannot recompute a
    // locally checkpointed RDD; Spark's cleaner drops them with the last plan that uses them.
  }
}
