package org.ndio.jobs.count;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ndio.jobs.kernel.Components;
import org.ndio.jobs.kernel.ConnectedComponents;
import org.ndio.jobs.resume.CuboidSkip;
import org.ndio.jobs.resume.Journal;
import org.ndio.spark.Cuboid;
import org.ndio.spark.Ndio;
import org.ndio.spark.source.NdioErrors;
import org.ndio.spark.source.TaskChunkWriter;
import org.ndio.store.ParallelWrite;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeUrl;
import org.ndio.store.Volumes;
import org.ndio.store.WriteMode;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;
import scala.Tuple2;

/**
 * Writes the objects of a count as a label volume over the box (its corner at the origin):
 * each cuboid is labelled again (the kernel is deterministic) and its pieces are painted with
 * their object's id; dropped objects and background stay 0. uint32 unless there are more
 * objects than that holds.
 *
 * <p>The tasks learn the pieces' ids one of two ways. A broadcast of every piece's id is
 * quickest while it is small. Otherwise each cuboid's own ids (a map as large as the pieces in
 * that cuboid) are shuffled to the partition that reads the cuboid and zipped with the read,
 * so neither the driver nor any task holds the ids of the whole volume, and no voxel moves.
 */
final class LabelWrite {

  private LabelWrite() {}

  /**
   * Writes the labels; {@code pieceIds} holds (cuboid index, (piece key, object id)) for every
   * piece of a kept object. Returns the entries the driver held: the broadcast's, or 0.
   */
  static long run(SparkSession spark, String url, String labelsOut, CountOptions.Rule rule,
      CountGrid grid, Map<String, String> read, JavaPairRDD<Integer, Tuple2<Long, Long>> pieceIds,
      boolean onDriver, long objects, Journal journal) {
    BoundingBox box = grid.box();
    DataType dtype = objects < (1L << 32) ? DataType.UINT32 : DataType.UINT64;
    VolumeUrl target = VolumeUrl.parse(labelsOut);
    ParallelWrite write = journal.write("labels", target, () -> Volumes.format(target)
        .beginParallel(target, VolumeSpec.of(dtype, new Size3(box.sizeX(), box.sizeY(),
            box.sizeZ())).withChunks(grid.cuboid()), WriteMode.ERROR_IF_EXISTS));
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    try {
      Dataset<Row> rows = CuboidSkip.apply(Ndio.read(spark, url, read), journal.done());
      JavaRDD<Cuboid> cuboids = rows.javaRDD().map(Ndio::toCuboid);
      long held = 0;
      if (onDriver) {
        Map<Long, Long> ids = new HashMap<>(
            pieceIds.values().distinct().mapToPair(t -> t).collectAsMap());
        held = ids.size();
        Broadcast<Map<Long, Long>> idOf = jsc.broadcast(ids);
        cuboids.foreachPartition(it -> {
          Map<Long, Long> m = idOf.value();
          paint(it, c -> k -> m.getOrDefault(k, 0L), rule, grid, dtype, write, journal);
        });
      } else if (cuboids.getNumPartitions() > 0) {
        JavaRDD<Tuple2<Integer, CuboidIds>> placed = placed(rows, grid, pieceIds,
            cuboids.getNumPartitions());
        cuboids.zipPartitions(placed, (it, maps) -> {
          Map<Integer, CuboidIds> mine = new HashMap<>();
          maps.forEachRemaining(t -> mine.put(t._1(), t._2()));
          paint(it, c -> {
            CuboidIds ids = mine.get(grid.index(c.box()));
            if (ids == null) {
              throw new IllegalStateException("cuboid " + c.box() + " was read in another"
                  + " partition than the label write planned");
            }
            return ids::id;
          }, rule, grid, dtype, write, journal);
          return Collections.emptyIterator();
        }).count();
      }
      write.commit();
      return held;
    } catch (Exception e) {
      if (!journal.active()) {
        write.abort(); // with a journal, what was written stays for --resume
      }
      throw NdioErrors.unwrap(e);
    }
  }

  /**
   * Each cuboid's ids, in the partition that reads the cuboid. The read's partitions are
   * found by reading only the cuboids' corners, which the source plans exactly as the full
   * read (same box, cuboids and filters) and serves without fetching a voxel.
   */
  private static JavaRDD<Tuple2<Integer, CuboidIds>> placed(Dataset<Row> rows, CountGrid grid,
      JavaPairRDD<Integer, Tuple2<Long, Long>> pieceIds, int partitions) {
    JavaPairRDD<Integer, Integer> partitionOf = rows.select("x0", "y0", "z0").javaRDD()
        .mapPartitionsWithIndex((i, it) -> {
          List<Tuple2<Integer, Integer>> out = new ArrayList<>();
          it.forEachRemaining(r -> out.add(new Tuple2<>(
              grid.indexAt(r.getLong(0), r.getLong(1), r.getLong(2)), i)));
          return out.iterator();
        }, false)
        .mapToPair(t -> t);
    JavaPairRDD<Integer, CuboidIds> ids = pieceIds.groupByKey().mapValues(CuboidIds::of);
    // Partition numbers are the keys, and a hash partitioner sends a small non-negative
    // Integer key k to partition k.
    return partitionOf.leftOuterJoin(ids)
        .mapToPair(t -> new Tuple2<>(t._2()._1(),
            new Tuple2<>(t._1(), t._2()._2().orElse(CuboidIds.NONE))))
        .partitionBy(new HashPartitioner(partitions))
        .values();
  }

  /** How a task finds the ids of one cuboid's pieces. */
  private interface IdsOf {
    LongUnaryOperator of(Cuboid c);
  }

  private static void paint(Iterator<Cuboid> it, IdsOf idsOf, CountOptions.Rule o,
      CountGrid grid, DataType dtype, ParallelWrite write, Journal journal) throws Exception {
    BoundingBox box = grid.box();
    try (ParallelWrite.ChunkWriter out = TaskChunkWriter.open(write)) {
      while (it.hasNext()) {
        Cuboid c = it.next();
        Volume ids = relabel(c, o, grid, idsOf.of(c), dtype);
        out.write(c.box().x0() - box.x0(), c.box().y0() - box.y0(), c.box().z0() - box.z0(),
            ids);
        journal.mark(Journal.key(c.box().x0(), c.box().y0(), c.box().z0()));
      }
    }
  }

  private static Volume relabel(Cuboid c, CountOptions.Rule o, CountGrid grid,
      LongUnaryOperator idOf, DataType dtype) {
    Components comps = ConnectedComponents.label(c.volume(), o.foreground(), o.connectivity());
    int index = grid.index(c.box());
    Volume out = Volume.allocate(dtype, c.volume().sizeX(), c.volume().sizeY(),
        c.volume().sizeZ());
    comps.forEachRun((x0, x1, y, z, label, value) -> {
      long id = idOf.applyAsLong(o.byLabel() ? value : CountGrid.key(index, label));
      if (id != 0) {
        for (int x = x0; x < x1; x++) {
          out.setLong(x, y, z, id);
        }
      }
    });
    return out;
  }
}
