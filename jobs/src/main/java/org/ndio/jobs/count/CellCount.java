package org.ndio.jobs.count;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.ndio.jobs.kernel.Components;
import org.ndio.jobs.kernel.ConnectedComponents;
import org.ndio.jobs.resume.CuboidSkip;
import org.ndio.jobs.resume.Journal;
import org.ndio.jobs.resume.JournalRequest;
import org.ndio.spark.Cuboid;
import org.ndio.spark.Ndio;
import org.ndio.spark.source.NdioErrors;
import org.ndio.store.ParallelWrite;
import org.ndio.store.VolumeInfo;
import org.ndio.store.VolumeReader;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeUrl;
import org.ndio.store.Volumes;
import org.ndio.store.WriteMode;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.ChunkGrid;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;
import scala.Tuple2;

/**
 * Counts the objects of a volume in parallel, exactly across cuboid seams: each cuboid is
 * labelled alone ({@link ConnectedComponents}), the pieces that touch across seams are found by
 * joining boundary voxels, merged with a union-find on the driver (one pair per touching
 * piece pair, far fewer than voxels), and the pieces' statistics are combined by object.
 * Objects are numbered 1..N in the order of their first voxel in C order, as
 * scipy.ndimage.label numbers them, so the label volume this job writes equals scipy's.
 */
public final class CellCount {

  /** Default work unit, rounded up to whole chunks. */
  public static final Size3 DEFAULT_CUBOID = new Size3(256, 256, 64);

  /** The columns of the result, one row per object. */
  public static final StructType SCHEMA = new StructType(new StructField[] {
      DataTypes.createStructField("id", DataTypes.LongType, false),
      DataTypes.createStructField("voxels", DataTypes.LongType, false),
      DataTypes.createStructField("centroid_x", DataTypes.DoubleType, false),
      DataTypes.createStructField("centroid_y", DataTypes.DoubleType, false),
      DataTypes.createStructField("centroid_z", DataTypes.DoubleType, false),
      DataTypes.createStructField("x0", DataTypes.LongType, false),
      DataTypes.createStructField("y0", DataTypes.LongType, false),
      DataTypes.createStructField("z0", DataTypes.LongType, false),
      DataTypes.createStructField("x1", DataTypes.LongType, false),
      DataTypes.createStructField("y1", DataTypes.LongType, false),
      DataTypes.createStructField("z1", DataTypes.LongType, false),
      DataTypes.createStructField("label", DataTypes.LongType, false)});

  private CellCount() {}

  /**
   * The objects of {@code url}: id, voxel count, centroid, half-open bounding box, and the
   * label they carry (1 for thresholded volumes).
   */
  public static Dataset<Row> run(SparkSession spark, String url, CountOptions o) {
    return run(spark, url, o, JournalRequest.OFF);
  }

  /**
   * A count that keeps a journal as {@code resume} asks: each cuboid's analysis (its pieces and
   * boundary) is kept there once made, and so is each cuboid of the label volume once written,
   * so a run that stops can be finished by another with {@code resume} without analysing
   * those cuboids again; the result is the same.
   */
  public static Dataset<Row> run(SparkSession spark, String url, CountOptions o,
      JournalRequest resume) {
    return runMeasured(spark, url, o, resume).table();
  }

  /** {@link #run(SparkSession, String, CountOptions, JournalRequest)}, with its seam figures. */
  public static CountRun runMeasured(SparkSession spark, String url, CountOptions o,
      JournalRequest resume) {
    try {
      return count(spark, url, o, resume);
    } catch (Exception e) { // Spark throws its checked SparkException from Scala
      throw NdioErrors.unwrap(e);
    }
  }

  private static CountRun count(SparkSession spark, String url, CountOptions o,
      JournalRequest resume) {
    VolumeInfo info;
    try (VolumeReader r = Volumes.open(url)) {
      info = r.level(o.resolution()).info();
    }
    BoundingBox box = o.box().orElse(info.extent());
    info.extent().requireContains(box, url);
    Size3 cuboid = new ChunkGrid(info.chunks()).roundUp(o.cuboid().orElse(DEFAULT_CUBOID));
    CountGrid grid = new CountGrid(box, cuboid);
    // Cuboids laid from the box's corner line up with the chunks of a label volume written
    // with the box's corner at its origin.
    Map<String, String> read = Map.of("box", box.toString(), "cuboid", cuboid.toString(),
        "anchor", "box", "resolution", String.valueOf(o.resolution()));

    CountOptions.Rule rule = o.rule();
    long min = o.minVoxels();
    long max = o.maxVoxels();
    Journal journal = Journal.open(resume, String.join("\n", "count", "url " + url,
        "box " + box, "resolution " + o.resolution(), "cuboid " + cuboid,
        "rule " + rule.foreground() + " " + rule.byLabel() + " " + rule.connectivity(),
        "sizes " + min + " " + max, "labels " + o.labelsOut().orElse("none"), ""));
    Journal analysed = journal.stage("analysis");
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<String> done = analysed.done();
    JavaRDD<CuboidAnalysis> fresh = CuboidSkip.apply(Ndio.read(spark, url, read), done)
        .javaRDD().map(Ndio::toCuboid).map(c -> {
          CuboidAnalysis a = CuboidAnalysis.of(c, rule, grid);
          analysed.mark(Journal.key(c.box().x0(), c.box().y0(), c.box().z0()),
              AnalysisCodec.encode(a));
          return a;
        });
    JavaRDD<CuboidAnalysis> local = (done.isEmpty() ? fresh : fresh.union(
        jsc.parallelize(done, Math.max(1, Math.min(done.size(), 4 * jsc.defaultParallelism())))
            .map(k -> AnalysisCodec.decode(analysed.result(k), analysed.location() + " " + k))))
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long[] seams = new long[2];
      Map<Long, Long> roots = o.byLabel() ? Map.of() : roots(local, seams);
      Broadcast<Map<Long, Long>> rootOf = jsc.broadcast(roots);
      JavaRDD<Tuple2<Long, ObjectPiece>> objects = local
          .flatMapToPair(a -> pieces(a, rootOf.value()))
          .reduceByKey(ObjectPiece::merge)
          .filter(t -> t._2().voxels() >= min && t._2().voxels() <= max)
          .map(t -> t);
      // Ids follow first voxels (packed in C order): a sort, then consecutive numbers.
      JavaPairRDD<Tuple2<Long, ObjectPiece>, Long> numbered = objects
          .sortBy(t -> grid.pack(t._2().firstX(), t._2().firstY(), t._2().firstZ()), true,
              Math.max(1, objects.getNumPartitions()))
          .zipWithIndex().cache();
      Dataset<Row> table = spark.createDataFrame(
          numbered.map(t -> row(t._1()._2(), t._2() + 1)), SCHEMA).cache();
      table.count();
      if (o.labelsOut().isPresent()) {
        Map<Long, Long> idOfRoot = new HashMap<>(
            numbered.mapToPair(t -> new Tuple2<>(t._1()._1(), t._2() + 1)).collectAsMap());
        writeLabels(spark, url, o.labelsOut().get(), rule, grid, read, jsc.broadcast(roots),
            jsc.broadcast(idOfRoot), table.count(), journal.stage("labels"));
      }
      numbered.unpersist(false);
      journal.finish();
      return new CountRun(table, new SeamStats(seams[0], seams[1], "driver",
          seams[0] + 2 * seams[1], 0));
    } finally {
      local.unpersist(false);
    }
  }

  /** Finds touching pieces across seams and returns each merged piece's representative. */
  private static Map<Long, Long> roots(JavaRDD<CuboidAnalysis> local, long[] seams) {
    JavaPairRDD<Tuple2<Long, Long>, Long> faces = local.flatMapToPair(
        a -> positions(a.faces()));
    JavaPairRDD<Tuple2<Long, Long>, Long> wants = local.flatMapToPair(
        a -> positions(a.wants()));
    List<Tuple2<Long, Long>> pairs = wants.join(faces).values().distinct().collect();
    seams[0] = pairs.size();
    Map<Long, Long> parent = new HashMap<>();
    for (Tuple2<Long, Long> p : pairs) {
      long a = find(parent, p._1());
      long b = find(parent, p._2());
      if (a != b) {
        // The smaller key wins, so the result does not depend on the order of pairs.
        parent.put(Math.max(a, b), Math.min(a, b));
      }
    }
    seams[1] = parent.size();
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
    return r;
  }

  private static Iterator<Tuple2<Tuple2<Long, Long>, Long>> positions(
      CuboidAnalysis.Positions p) {
    List<Tuple2<Tuple2<Long, Long>, Long>> out = new ArrayList<>(p.pos().length);
    for (int i = 0; i < p.pos().length; i++) {
      out.add(new Tuple2<>(new Tuple2<>(p.pos()[i], p.value()[i]), p.key()[i]));
    }
    return out.iterator();
  }

  private static Iterator<Tuple2<Long, ObjectPiece>> pieces(CuboidAnalysis a,
      Map<Long, Long> roots) {
    List<Tuple2<Long, ObjectPiece>> out = new ArrayList<>(a.pieces().length);
    for (int i = 0; i < a.pieces().length; i++) {
      long k = a.pieceKeys()[i];
      out.add(new Tuple2<>(roots.getOrDefault(k, k), a.pieces()[i]));
    }
    return out.iterator();
  }

  private static Row row(ObjectPiece p, long id) {
    double n = p.voxels();
    return RowFactory.create(id, p.voxels(), p.sumX() / n, p.sumY() / n, p.sumZ() / n,
        p.minX(), p.minY(), p.minZ(), p.maxX() + 1, p.maxY() + 1, p.maxZ() + 1, p.value());
  }

  /**
   * Writes the objects as a label volume over the box (its corner at the origin): each cuboid
   * is labelled again (the kernel is deterministic) and its pieces are painted with their
   * object's id; dropped objects and background stay 0. uint32 unless there are more objects
   * than that holds.
   */
  private static void writeLabels(SparkSession spark, String url, String labelsOut,
      CountOptions.Rule o, CountGrid grid, Map<String, String> read,
      Broadcast<Map<Long, Long>> rootOf, Broadcast<Map<Long, Long>> idOf, long objects,
      Journal journal) {
    BoundingBox box = grid.box();
    DataType dtype = objects < (1L << 32) ? DataType.UINT32 : DataType.UINT64;
    VolumeUrl target = VolumeUrl.parse(labelsOut);
    ParallelWrite write = journal.write("labels", target, () -> Volumes.format(target)
        .beginParallel(target, VolumeSpec.of(dtype, new Size3(box.sizeX(), box.sizeY(),
            box.sizeZ())).withChunks(grid.cuboid()), WriteMode.ERROR_IF_EXISTS));
    try {
      CuboidSkip.apply(Ndio.read(spark, url, read), journal.done()).javaRDD()
          .map(Ndio::toCuboid).foreachPartition(it -> {
            try (ParallelWrite.ChunkWriter out = write.writer()) {
              while (it.hasNext()) {
                Cuboid c = it.next();
                Volume ids = relabel(c, o, grid, rootOf.value(), idOf.value(), dtype);
                out.write(c.box().x0() - box.x0(), c.box().y0() - box.y0(),
                    c.box().z0() - box.z0(), ids);
                journal.mark(Journal.key(c.box().x0(), c.box().y0(), c.box().z0()));
              }
            }
          });
      write.commit();
    } catch (Exception e) {
      if (!journal.active()) {
        write.abort(); // with a journal, what was written stays for --resume
      }
      throw NdioErrors.unwrap(e);
    }
  }

  private static Volume relabel(Cuboid c, CountOptions.Rule o, CountGrid grid,
      Map<Long, Long> rootOf,
      Map<Long, Long> idOf, DataType dtype) {
    Components comps = ConnectedComponents.label(c.volume(), o.foreground(), o.connectivity());
    int index = grid.index(c.box());
    Volume out = Volume.allocate(dtype, c.volume().sizeX(), c.volume().sizeY(),
        c.volume().sizeZ());
    comps.forEachRun((x0, x1, y, z, label, value) -> {
      long key = o.byLabel() ? value : CountGrid.key(index, label);
      long id = idOf.getOrDefault(rootOf.getOrDefault(key, key), 0L);
      if (id != 0) {
        for (int x = x0; x < x1; x++) {
          out.setLong(x, y, z, id);
        }
      }
    });
    return out;
  }

}
