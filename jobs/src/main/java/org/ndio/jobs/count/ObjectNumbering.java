package org.ndio.jobs.count;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.HashPartitioner;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The objects of the rooted pieces: merged by root, kept where their size is within the
 * bounds, and numbered 1..N in the C order of their first voxels, as scipy.ndimage.label
 * numbers them.
 *
 * <p>The merge and the sort are done here, per partition in plain maps and arrays, between two
 * plain shuffles ({@code partitionBy}), rather than by {@code reduceByKey}, {@code sortBy} and
 * {@code zipWithIndex}. Spark's aggregating and sorting shuffles estimate the size of their
 * in-memory collections as they grow (by walking the objects with reflection), and a profile
 * put 40% of the executors' time there in a count of 2048 x 2048 x 40 voxels and 12k objects;
 * a shuffle with neither moves serialized records. And sortBy's sampling job and zipWithIndex's
 * counting job each computed the shuffles before them once more. Each step holds one
 * partition's objects in memory, where Spark's could spill them: about 150 bytes an object,
 * and a partition holds the objects of a few cuboids.
 */
final class ObjectNumbering {

  /** How the sorted objects are kept between counting them and numbering them. */
  private static final StorageLevel KEPT = StorageLevel.DISK_ONLY();

  private final JavaRDD<Tuple2<Long, ObjectPiece>> sorted;
  private final JavaPairRDD<Tuple2<Long, ObjectPiece>, Long> numbered;

  private ObjectNumbering(JavaRDD<Tuple2<Long, ObjectPiece>> sorted,
      JavaPairRDD<Tuple2<Long, ObjectPiece>, Long> numbered) {
    this.sorted = sorted;
    this.numbered = numbered;
  }

  /**
   * Numbers the objects of {@code rooted} (pieces keyed by their object's root, their own key
   * beside them) of at least {@code min} and at most {@code max} voxels. Runs one Spark job,
   * which counts the objects of each partition.
   */
  static ObjectNumbering of(JavaPairRDD<Long, Tuple2<Long, ObjectPiece>> rooted,
      CountGrid grid, long min, long max) {
    int partitions = Math.max(1, rooted.getNumPartitions());
    JavaRDD<Tuple2<Long, ObjectPiece>> sorted = rooted
        .mapValues(Tuple2::_2)
        .mapPartitionsToPair(ObjectNumbering::mergeByRoot)
        .partitionBy(new HashPartitioner(partitions))
        .mapPartitionsToPair(ObjectNumbering::mergeByRoot)
        .filter(t -> t._2().voxels() >= min && t._2().voxels() <= max)
        .mapToPair(t -> new Tuple2<>(first(grid, t._2()), t))
        .partitionBy(new FirstVoxels(partitions, grid.box().voxels()))
        .mapPartitions(ObjectNumbering::inFirstVoxelOrder, true)
        .persist(KEPT);
    List<Long> counts;
    try {
      counts = sorted.mapPartitions(ObjectNumbering::size).collect();
    } catch (RuntimeException e) {
      sorted.unpersist(false); // the caller gets no numbering to close
      throw e;
    }
    long[] before = new long[counts.size()];
    for (int i = 1; i < before.length; i++) {
      before[i] = before[i - 1] + counts.get(i - 1);
    }
    JavaPairRDD<Tuple2<Long, ObjectPiece>, Long> numbered = JavaPairRDD.fromJavaRDD(
        sorted.mapPartitionsWithIndex((i, it) -> numberFrom(before[i], it), true));
    return new ObjectNumbering(sorted, numbered);
  }

  /** Each object (root, object) with its index: 0 for the first voxel first in C order. */
  JavaPairRDD<Tuple2<Long, ObjectPiece>, Long> numbered() {
    return numbered;
  }

  /** Releases the kept objects. */
  void close() {
    sorted.unpersist(false);
  }

  /** The pieces (or partial objects) of one partition, merged by root. */
  private static Iterator<Tuple2<Long, ObjectPiece>> mergeByRoot(
      Iterator<Tuple2<Long, ObjectPiece>> in) {
    Map<Long, ObjectPiece> objects = new HashMap<>();
    while (in.hasNext()) {
      Tuple2<Long, ObjectPiece> t = in.next();
      objects.merge(t._1(), t._2(), ObjectPiece::merge);
    }
    List<Tuple2<Long, ObjectPiece>> out = new ArrayList<>(objects.size());
    objects.forEach((root, o) -> out.add(new Tuple2<>(root, o)));
    return out.iterator();
  }

  private static long first(CountGrid grid, ObjectPiece o) {
    return grid.pack(o.firstX(), o.firstY(), o.firstZ());
  }

  /** The objects of one partition, by first voxel (distinct: one voxel, one object). */
  private static Iterator<Tuple2<Long, ObjectPiece>> inFirstVoxelOrder(
      Iterator<Tuple2<Long, Tuple2<Long, ObjectPiece>>> in) {
    List<Tuple2<Long, Tuple2<Long, ObjectPiece>>> all = new ArrayList<>();
    in.forEachRemaining(all::add);
    all.sort(Comparator.comparingLong(Tuple2::_1));
    return all.stream().map(Tuple2::_2).iterator();
  }

  private static Iterator<Long> size(Iterator<?> in) {
    long n = 0;
    for (; in.hasNext(); in.next()) {
      n++;
    }
    return List.of(n).iterator();
  }

  private static <T> Iterator<Tuple2<T, Long>> numberFrom(long start, Iterator<T> in) {
    return new Iterator<>() {
      private long next = start;

      @Override
      public boolean hasNext() {
        return in.hasNext();
      }

      @Override
      public Tuple2<T, Long> next() {
        return new Tuple2<>(in.next(), next++);
      }
    };
  }

  /**
   * Partitions packed first voxels by equal ranges of the box, in order: partition i holds
   * smaller voxels than partition i + 1, so sorting each partition sorts them all. Equal ranges
   * balance as well as the objects are spread through the box; a sample to even them out
   * would cost a job.
   */
  static final class FirstVoxels extends Partitioner {
    private static final long serialVersionUID = 1L;

    private final int partitions;
    private final long perPartition;

    FirstVoxels(int partitions, long voxels) {
      this.partitions = partitions;
      this.perPartition = Math.max(1, (voxels + partitions - 1) / partitions);
    }

    @Override
    public int numPartitions() {
      return partitions;
    }

    @Override
    public int getPartition(Object key) {
      return (int) Math.min(partitions - 1, (Long) key / perPartition);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof FirstVoxels f && f.partitions == partitions
          && f.perPartition == perPartition;
    }

    @Override
    public int hashCode() {
      return Long.hashCode(perPartition) * 31 + partitions;
    }
  }
}
