package org.ndio.jobs.convert;

import java.util.Iterator;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.util.LongAccumulator;
import org.ndio.RemoteException;
import org.ndio.StorageException;
import org.ndio.jobs.resume.CuboidSkip;
import org.ndio.jobs.resume.Journal;
import org.ndio.jobs.resume.JournalRequest;
import org.ndio.jobs.spark.TestFaults;
import org.ndio.spark.Ndio;
import org.ndio.spark.source.NdioErrors;
import org.ndio.spark.source.ReadMetrics;
import org.ndio.spark.source.TaskChunkWriter;
import org.ndio.store.ParallelWrite;
import org.ndio.store.VolumeFormat;
import org.ndio.store.VolumeInfo;
import org.ndio.store.VolumeReader;
import org.ndio.store.VolumeUrl;
import org.ndio.store.Volumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.ChunkGrid;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/**
 * {@link Convert} as a Spark job, for targets that many tasks can write at once (chunked
 * stores). The source is read through the ndio data source in cuboids laid from the box's
 * corner, each a whole number of source and target chunks where that is small enough, so each
 * task writes whole target chunks no other task touches, and memory per task is one cuboid
 * however large the volume.
 */
public final class SparkConvert {

  /** Largest cuboid edge chosen to line up source and target chunks. */
  static final long MAX_EDGE = 1024;

  private SparkConvert() {}

  /** Whether {@code target} can be written by a Spark job. */
  public static boolean supports(String target) {
    VolumeUrl url = VolumeUrl.parse(target);
    return Volumes.format(url).supportsParallelWrite();
  }

  /**
   * Copies {@code source} to {@code target}. Progress: watch the calling thread with
   * {@link org.ndio.jobs.spark.SparkProgress}.
   */
  public static Convert.Result run(SparkSession spark, String source, String target,
      Convert.Options options) {
    return run(spark, source, target, options, JournalRequest.OFF);
  }

  /**
   * A copy that keeps a journal as {@code resume} asks: each finished cuboid is recorded, and a
   * run that stops can be finished by another with {@code resume}, which copies only the
   * cuboids not yet done into the same hidden target and publishes it as usual.
   */
  public static Convert.Result run(SparkSession spark, String source, String target,
      Convert.Options options, JournalRequest resume) {
    return run(spark, source, target, options, journal -> Journal.open(resume, journal));
  }

  /** Opens the journal of a job, given the job's description. */
  public interface JournalOpener {
    Journal open(String job);
  }

  /** A copy that keeps its journal where {@code opener} says (a stage of a larger job). */
  public static Convert.Result run(SparkSession spark, String source, String target,
      Convert.Options options, JournalOpener opener) {
    VolumeInfo info;
    try (VolumeReader in = Volumes.open(source)) {
      info = in.level(options.resolution()).info();
    }
    BoundingBox box = options.box().orElse(info.extent());
    info.extent().requireContains(box, source);
    VolumeUrl url = VolumeUrl.parse(target);
    VolumeFormat format = Volumes.format(url);
    Journal journal = opener.open(String.join("\n", "convert", "source " + source,
        "target " + target, "box " + box, "resolution " + options.resolution(),
        "chunks " + options.chunks().map(Size3::toString).orElse("default"),
        "compressor " + options.compressor().orElse("default"), ""));
    ParallelWrite write = journal.write("target", url, () -> format.beginParallel(url,
        Convert.targetSpec(info, box, options), options.mode()));
    try {
      Size3 cuboid = cuboid(info.chunks(), write.info().chunks());
      long bx = box.x0();
      long by = box.y0();
      long bz = box.z0();
      LongAccumulator writeRetries = spark.sparkContext().longAccumulator("ndio write retries");
      Dataset<Row> rows = CuboidSkip.apply(Ndio.read(spark, source, Map.of("box",
          box.toString(), "cuboid", cuboid.toString(), "anchor", "box", "resolution",
          String.valueOf(options.resolution()))), journal.done());
      // Through the SQL execution itself, so the scan's metrics (its retries among them) are
      // filled in on this plan once the job ends.
      rows.queryExecution().toRdd().toJavaRDD().foreachPartition(
          it -> writeRetries.add(writeTranslated(write, journal, it, bx, by, bz)));
      write.commit();
      journal.finish();
      long cuboids = new ChunkGrid(info.chunks())
          .cuboidsFromCorner(box, new ChunkGrid(info.chunks()).roundUp(cuboid)).size();
      return new Convert.Result(write.info(), box, box.voxels(), cuboids,
          writeRetries.value() + ReadMetrics.total(rows, ReadMetrics.RETRIES));
    } catch (Exception e) { // Spark throws its checked SparkException from Scala
      RuntimeException error = NdioErrors.unwrap(e);
      // What a remote or a file system failed to do may work later: that stays for --resume.
      // Bad data fails again however often it is tried: clean up as without a journal.
      if (!journal.active()
          || !(error instanceof RemoteException || error instanceof StorageException)) {
        write.abort();
        journal.finish();
      }
      throw error;
    }
  }

  /** Writes one partition's rows at their place in the target; returns the retries. */
  private static long writeTranslated(ParallelWrite write, Journal journal,
      Iterator<InternalRow> rows, long bx, long by, long bz) {
    try (ParallelWrite.ChunkWriter out = TestFaults.wrap(TaskChunkWriter.open(write))) {
      while (rows.hasNext()) {
        // Columns in the source's schema order: x0, y0, z0, x1, y1, z1, dtype, data.
        InternalRow r = rows.next();
        long x0 = r.getLong(0);
        long y0 = r.getLong(1);
        long z0 = r.getLong(2);
        Volume v = Volume.wrap(DataType.fromName(r.getUTF8String(6).toString()),
            (int) (r.getLong(3) - x0), (int) (r.getLong(4) - y0), (int) (r.getLong(5) - z0),
            r.getBinary(7));
        out.write(x0 - bx, y0 - by, z0 - bz, v);
        journal.mark(Journal.key(x0, y0, z0));
      }
      return out.retries();
    }
  }

  /**
   * Per axis, the least common multiple of the source and target chunk edges when it is at
   * most {@link #MAX_EDGE} (no chunk on either side is split), else the target's edge (target
   * chunks stay whole; a source chunk may then be read by two tasks).
   */
  public static Size3 cuboid(Size3 source, Size3 target) {
    return new Size3(edge(source.x(), target.x()), edge(source.y(), target.y()),
        edge(source.z(), target.z()));
  }

  private static long edge(long s, long t) {
    long lcm = s / gcd(s, t) * t;
    return lcm <= Math.max(MAX_EDGE, t) ? lcm : t;
  }

  private static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
