package org.ndio.jobs.count;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.ndio.jobs.kernel.ConnectedComponents;
import org.ndio.jobs.resume.CuboidSkip;
import org.ndio.jobs.resume.Journal;
import org.ndio.jobs.resume.JournalRequest;
import org.ndio.spark.Ndio;
import org.ndio.spark.source.NdioErrors;
import org.ndio.store.VolumeInfo;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.ChunkGrid;
import org.ndio.volume.Size3;
import scala.Tuple2;

/**
 * Counts the objects of a volume in parallel, exactly across cuboid seams: each cuboid is
 * labelled alone ({@link ConnectedComponents}), the pieces that touch across seams are found by
 * joining boundary voxels, merged into objects ({@link SeamMerge}: a union-find on the driver
 * while the touching pairs are at most {@link CountOptions#driverMergeLimit}, else connected
 * components on the executors, with the same result), and the pieces' statistics are combined
 * by object. The driver holds nothing per voxel, and nothing per object past that limit.
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

  /**
   * How the analyses and rooted pieces are kept between the count's stages: on the executors'
   * local disks, so the heap holds only the cuboids in flight whatever the volume's size. In
   * memory (as objects or serialized) they competed with the tasks for the heap and ran it out
   * at 512x the ssTEM stack in 3 GB.
   */
  private static final StorageLevel KEPT = StorageLevel.DISK_ONLY();

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
          if (analysed.active()) {
            // Encoding deflates the analysis: a seventh of a count's task samples at 64x, for
            // nothing when no journal keeps it.
            analysed.mark(Journal.key(c.box().x0(), c.box().y0(), c.box().z0()),
                AnalysisCodec.encode(a));
          }
          return a;
        });
    JavaRDD<CuboidAnalysis> local = (done.isEmpty() ? fresh : fresh.union(
        jsc.parallelize(done, Math.max(1, Math.min(done.size(), 4 * jsc.defaultParallelism())))
            .map(k -> AnalysisCodec.decode(analysed.result(k), analysed.location() + " " + k))))
        .persist(KEPT);
    SeamMerge merge = null;
    JavaPairRDD<Long, Tuple2<Long, ObjectPiece>> rooted = null;
    ObjectNumbering numbering = null;
    try {
      merge = o.byLabel() ? SeamMerge.none()
          : SeamMerge.of(jsc, SeamPairs.of(local, grid), o.driverMergeLimit());
      rooted = merge.byRoot(local.flatMapToPair(CellCount::pieces)).persist(KEPT);
      numbering = ObjectNumbering.of(rooted, grid, min, max);
      JavaPairRDD<Tuple2<Long, ObjectPiece>, Long> numbered = numbering.numbered();
      Dataset<Row> table = spark.createDataFrame(
          numbered.map(t -> row(t._1()._2(), t._2() + 1)), SCHEMA).cache();
      long n = table.count();
      SeamStats seams = merge.stats();
      if (o.labelsOut().isPresent()) {
        JavaPairRDD<Long, Long> idOfRoot = numbered.mapToPair(
            t -> new Tuple2<>(t._1()._1(), t._2() + 1));
        JavaPairRDD<Integer, Tuple2<Long, Long>> pieceIds = rooted.join(idOfRoot)
            .mapToPair(t -> {
              ObjectPiece p = t._2()._1()._2();
              return new Tuple2<>(grid.indexAt(p.firstX(), p.firstY(), p.firstZ()),
                  new Tuple2<>(t._2()._1()._1(), t._2()._2()));
            });
        // Every labelled piece is an object's only piece or crosses a seam, so this bounds
        // the entries a broadcast of the ids would hold.
        long limit = o.driverMergeLimit();
        boolean onDriver = limit > 0 && n + seams.crossingPieces() <= limit;
        long held = LabelWrite.run(spark, url, o.labelsOut().get(), rule, grid, read, pieceIds,
            onDriver, n, journal.stage("labels"));
        seams = new SeamStats(seams.pairs(), seams.crossingPieces(), seams.merge(),
            seams.driverEntries() + held, seams.rounds());
      }
      journal.finish();
      return new CountRun(table, seams);
    } finally {
      if (numbering != null) {
        numbering.close();
      }
      if (rooted != null) {
        rooted.unpersist(false);
      }
      if (merge != null) {
        merge.close();
      }
      local.unpersist(false);
    }
  }

  private static Iterator<Tuple2<Long, ObjectPiece>> pieces(CuboidAnalysis a) {
    List<Tuple2<Long, ObjectPiece>> out = new ArrayList<>(a.pieces().length);
    for (int i = 0; i < a.pieces().length; i++) {
      out.add(new Tuple2<>(a.pieceKeys()[i], a.pieces()[i]));
    }
    return out.iterator();
  }

  private static Row row(ObjectPiece p, long id) {
    double n = p.voxels();
    return RowFactory.create(id, p.voxels(), p.sumX() / n, p.sumY() / n, p.sumZ() / n,
        p.minX(), p.minY(), p.minZ(), p.maxX() + 1, p.maxY() + 1, p.maxZ() + 1, p.value());
  }
}
