package org.ndio.jobs.count;

import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Joins the pieces that touch across cuboid seams into objects: each piece's root is the
 * smallest piece key of its connected component in the graph of touching pairs, whichever
 * implementation finds it, so both give the same objects. {@link DriverMerge} collects the
 * pairs and runs a union-find on the driver (fast, but its memory grows with the pairs);
 * {@link DistributedMerge} finds the components on the executors, keeping nothing per piece
 * on the driver. {@link #of} picks by the number of pairs.
 */
interface SeamMerge {

  /**
   * The pieces, keyed by their own key, keyed instead by their object's root (pieces that
   * touch nothing are their own root), their own key kept beside them.
   */
  JavaPairRDD<Long, Tuple2<Long, ObjectPiece>> byRoot(JavaPairRDD<Long, ObjectPiece> pieces);

  /** What the merge held and where it ran. */
  SeamStats stats();

  /** Releases what the merge cached that its results no longer need. */
  void close();

  /**
   * The merge of the distinct touching {@code pairs}: on the driver when there are at most
   * {@code limit} of them, distributed when there are more or {@code limit} is 0.
   */
  static SeamMerge of(JavaSparkContext jsc, JavaPairRDD<Long, Long> pairs, long limit) {
    JavaPairRDD<Long, Long> kept = pairs.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long n = kept.count();
      return limit > 0 && n <= limit ? DriverMerge.of(jsc, kept.collect())
          : DistributedMerge.of(kept, n);
    } finally {
      kept.unpersist(false);
    }
  }

  /** No merge: the pieces of a label volume meet by their value, which is their key. */
  static SeamMerge none() {
    return new SeamMerge() {
      @Override
      public JavaPairRDD<Long, Tuple2<Long, ObjectPiece>> byRoot(
          JavaPairRDD<Long, ObjectPiece> pieces) {
        return pieces.mapToPair(t -> new Tuple2<>(t._1(), t));
      }

      @Override
      public SeamStats stats() {
        return new SeamStats(0, 0, "none", 0, 0);
      }

      @Override
      public void close() {}
    };
  }
}
