package org.ndio.jobs.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.ndio.NdioException;
import org.ndio.StorageException;
import org.ndio.jobs.count.CellCount;
import org.ndio.jobs.count.CountOptions;
import org.ndio.jobs.count.CountRun;
import org.ndio.jobs.count.PostRamon;
import org.ndio.jobs.count.SeamStats;
import org.ndio.jobs.kernel.Connectivity;
import org.ndio.jobs.resume.JournalRequest;
import org.ndio.jobs.spark.JobSession;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Size3;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ndio count URL}: counts objects (cells, mitochondria, synapses) exactly, in parallel. */
@Command(name = "count", mixinStandardHelpOptions = true,
    description = "Count the objects of a volume: the connected components of the voxels at or"
        + " above a threshold, or the objects of a label volume. Exact across cuboid seams;"
        + " runs as a Spark job (local[*] unless --master). Prints one line, 'N objects', and"
        + " writes one row per object (id, voxels, centroid_x/y/z, x0, y0, z0, x1, y1, z1,"
        + " label) with --out.")
final class CountCommand implements Callable<Integer> {

  @Parameters(paramLabel = "URL", description = "The volume to count in")
  String url;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Input input;

  static final class Input {
    @Option(names = "--threshold", paramLabel = "T",
        description = "Objects are the connected components of voxels >= T")
    Double threshold;

    @Option(names = "--labels",
        description = "The volume is labelled: each distinct non-zero id is one object")
    boolean labels;
  }

  @Option(names = "--split", description = "With --labels: count the connected components of"
      + " each id apart (touching cells stay apart, a broken cell counts twice)")
  boolean split;

  @Option(names = "--connectivity", defaultValue = "6", paramLabel = "6|18|26",
      description = "Voxels touch by faces (6, default), also edges (18), also corners (26)")
  int connectivity;

  @Option(names = "--min-voxels", defaultValue = "0", paramLabel = "N",
      description = "Drop objects smaller than N voxels")
  long minVoxels;

  @Option(names = "--max-voxels", defaultValue = "" + Long.MAX_VALUE, paramLabel = "N",
      description = "Drop objects larger than N voxels")
  long maxVoxels;

  @Option(names = "--box", paramLabel = "x0:x1,y0:y1,z0:z1", description = "Count in this box")
  String box;

  @Option(names = "--res", defaultValue = "0", paramLabel = "LEVEL",
      description = "Resolution level to count at (default 0)")
  int resolution;

  @Option(names = "--cuboid", paramLabel = "X,Y,Z",
      description = "Work unit (rounded up to whole chunks; default 256,256,64)")
  String cuboid;

  @Option(names = "--out", paramLabel = "FILE.csv|FILE.parquet",
      description = "Write the object table (CSV: one file; parquet: a Spark directory)")
  Path out;

  @Option(names = "--labels-out", paramLabel = "zarr:PATH",
      description = "Write the objects as a label volume, ids 1..N as in the table")
  String labelsOut;

  @Option(names = "--driver-merge-limit", paramLabel = "N",
      defaultValue = "" + CountOptions.DEFAULT_DRIVER_MERGE_LIMIT,
      description = "Merge at most N touching piece pairs across cuboid seams on the driver"
          + " (default ${DEFAULT-VALUE}); more, or 0, merge distributed over the executors")
  long driverMergeLimit;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master")
  String master;

  @Option(names = "--quiet", description = "No progress on standard error")
  boolean quiet;

  @Option(names = "--montage", paramLabel = "FILE.png",
      description = "Also draw " + Montages.SECTIONS + " evenly spaced sections with the objects"
          + " found overlaid, each in its own colour")
  Path montage;

  @Option(names = "--resume", description = "Finish an interrupted count: cuboids its journal"
      + " (kept beside --out, else --labels-out) records are not analysed again")
  boolean resume;

  @Option(names = "--post-ramon", paramLabel = "REMOTE_URL", description = "Also post every"
      + " object as a RAMON object (its voxels, and voxels, centroid and label as key-value"
      + " pairs) to this annotation channel, with ids reserved there")
  String postRamon;

  @Option(names = "--ramon-type", defaultValue = "organelle", paramLabel = "TYPE",
      description = "With --post-ramon: organelle (default), segment or generic")
  String ramonType;

  @Option(names = "--organelle-class", defaultValue = "mitochondria", paramLabel = "CLASS",
      description = "With --ramon-type organelle: mitochondria (default), vesicle, nucleus, ...")
  String organelleClass;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (split && !input.labels) {
      throw new NdioException("--split goes with --labels");
    }
    CountOptions base = input.labels
        ? (split ? CountOptions.splitLabels() : CountOptions.labels())
        : CountOptions.threshold(input.threshold);
    CountOptions o = base.withConnectivity(Connectivity.of(connectivity))
        .withSizes(minVoxels, maxVoxels)
        .withResolution(resolution)
        .withBox(box == null ? null : BoundingBox.parse(box).atResolution(resolution))
        .withCuboid(cuboid == null ? null : Size3.parse(cuboid))
        .withDriverMergeLimit(driverMergeLimit);
    String format = out == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
    if (out != null && !format.endsWith(".csv") && !format.endsWith(".parquet")) {
      throw new NdioException("--out " + out + ": name a .csv or .parquet file");
    }
    BoundingBox counts = montage == null && postRamon == null ? null : countedBox();
    PostRamon.Request post = postRamon == null ? null : PostRamon.check(new PostRamon.Request(
        postRamon, PostRamon.type(ramonType), PostRamon.organelleClass(organelleClass),
        resolution), counts);
    // A montage or a post needs the objects as labels: in a scratch volume unless --labels-out.
    Path scratch = (montage != null || post != null) && labelsOut == null
        ? scratch(montage != null ? montage : Path.of(System.getProperty("java.io.tmpdir"), "-"))
        : null;
    String labels = scratch != null ? "zarr:" + scratch.resolve("labels") : labelsOut;
    CountOptions counted = o.withLabelsOut(labels);
    long[] weight = montage == null ? null : new long[(int) counts.sizeZ()];
    try {
      SparkSession spark = JobSession.start("count", master);
      AtomicReference<PostRamon.Posted> posted = new AtomicReference<>();
      AtomicReference<SeamStats> seams = new AtomicReference<>();
      long n = ProgressDisplay.during("count", spark, quiet, spec.commandLine().getErr(), () -> {
        CountRun run = CellCount.runMeasured(spark, url, counted, journal());
        seams.set(run.seams());
        Dataset<Row> objects = run.table();
        if (out != null) {
          if (format.endsWith(".csv")) {
            writeCsv(objects.orderBy("id").toLocalIterator(), out);
          } else {
            objects.orderBy("id").write().mode(SaveMode.Overwrite).parquet(out.toString());
          }
        }
        if (weight != null) {
          for (Row r : objects.groupBy(functions.floor(functions.col("centroid_z")).as("z"))
              .agg(functions.sum("voxels")).collectAsList()) {
            long z = r.getLong(0) - counts.z0();
            if (z >= 0 && z < weight.length) {
              weight[(int) z] = r.getLong(1);
            }
          }
        }
        if (post != null) {
          posted.set(PostRamon.run(spark, objects, labels, counts, post));
        }
        return objects.count();
      });
      if (montage != null) {
        Montages.count(url, resolution, counts, labels, n, weight, montage);
      }
      if (!quiet) {
        SeamStats s = seams.get();
        spec.commandLine().getErr().printf("count: seam merge %s, %d piece pairs, %d pieces"
            + " crossing seams, %d rounds, %d driver entries%n", s.merge(), s.pairs(),
            s.crossingPieces(), s.rounds(), s.driverEntries());
      }
      spec.commandLine().getOut().printf("%d objects%n", n);
      if (post != null) {
        PostRamon.Posted p = posted.get();
        spec.commandLine().getOut().printf(p.count() == 0 ? "0 RAMON objects posted%n"
            : "%d RAMON objects posted to %s, ids %d-%d%n", p.count(), postRamon, p.first(),
            p.last());
      }
    } finally {
      if (scratch != null) {
        delete(scratch);
      }
    }
    return 0;
  }

  /** The box counted: --box, or the whole volume at the level. */
  private BoundingBox countedBox() {
    if (box != null) {
      return BoundingBox.parse(box).atResolution(resolution);
    }
    try (VolumeReader r = Volumes.open(url)) {
      return r.level(resolution).info().extent();
    }
  }

  private static Path scratch(Path beside) {
    Path dir = beside.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      return Files.createTempDirectory(dir, ".ndio-montage-");
    } catch (IOException e) {
      throw new StorageException("cannot make a scratch directory in " + dir + " for the"
          + " montage: " + e.getMessage(), e);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a hidden scratch directory left behind harms nothing
    }
  }

  /** The journal beside the table, else beside the label volume, else none. */
  private JournalRequest journal() {
    String hint = ", or delete it to start again";
    if (out != null) {
      return JournalRequest.beside(out.toAbsolutePath().toString(), resume, false, hint);
    }
    if (labelsOut != null) {
      return JournalRequest.besideVolume(labelsOut, resume, false, hint);
    }
    if (resume) {
      throw new NdioException("--resume needs --out or --labels-out: the journal is kept"
          + " beside them");
    }
    return JournalRequest.OFF;
  }

  /**
   * One CSV file, streamed a partition at a time (the driver never holds the whole table),
   * written under a temporary name and renamed into place.
   */
  private static void writeCsv(Iterator<Row> rows, Path out) {
    Path tmp = out.toAbsolutePath().resolveSibling("." + out.getFileName() + ".tmp-"
        + UUID.randomUUID());
    try {
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        w.write(String.join(",", CellCount.SCHEMA.fieldNames()));
        w.write('\n');
        while (rows.hasNext()) {
          Row r = rows.next();
          for (int i = 0; i < r.size(); i++) {
            if (i > 0) {
              w.write(',');
            }
            w.write(String.valueOf(r.get(i)));
          }
          w.write('\n');
        }
      }
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new StorageException("cannot write " + out + ": " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // best effort
      }
    }
  }
}
