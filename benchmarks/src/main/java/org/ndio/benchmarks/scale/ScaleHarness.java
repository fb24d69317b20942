package org.ndio.benchmarks.scale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.ndio.benchmarks.spark.SparkFigures;
import org.ndio.benchmarks.spark.SparkMetrics;
import org.ndio.jobs.count.CellCount;
import org.ndio.jobs.count.CountOptions;
import org.ndio.jobs.count.CountRun;
import org.ndio.jobs.count.SeamStats;
import org.ndio.jobs.downsample.Pyramid;
import org.ndio.jobs.kernel.mesh.MeshFormat;
import org.ndio.jobs.kernel.mesh.MeshSelection;
import org.ndio.jobs.mesh.MeshJob;
import org.ndio.jobs.resume.JournalRequest;
import org.ndio.storage.LocalStorage;
import org.ndio.store.Volumes;
import org.ndio.synthetic.SyntheticReader;
import org.ndio.volume.Size3;
import org.ndio.volume.VoxelSize;

/**
 * {@code ScaleHarness SIZE OUT.json WORK [MESH_SIMPLIFY]}: count, mesh and downsample in
 * {@code local[2]} over the synthetic volume of one size (see {@link ScaleSize}), each timed,
 * measured and checked exactly against the volume's known truth; the figures go to OUT.json
 * after every job. Exits non-zero when a job's output differs from the truth. Run one size per
 * JVM, every size with the same -Xmx: finishing the largest in the heap of the smallest is the
 * evidence that memory does not grow with the volume.
 */
public final class ScaleHarness {

  static final String MASTER = "local[2]";
  static final List<String> JOBS = List.of("count", "mesh", "downsample");
  static final int PYRAMID_LEVELS = 3;
  static final Size3 PYRAMID_FACTOR = new Size3(2, 2, 1);

  /**
   * Below 512x every cell is meshed. At 512x its 0.81 million cells would write about 30 GB of
   * binary PLY (36 kB a cell at full resolution), more than a shared disk should take for a
   * benchmark; there every 8th cell (in id order) is meshed and written, about 3.7 GB, while
   * the whole volume is still read and marched (cells left out are skipped as the cubes meet
   * them). Simplifying instead would measure the simplifier, which costs several times the
   * meshing.
   */
  static int defaultMeshEvery(ScaleSize size) {
    return size.factor() >= 512 ? 8 : 1;
  }

  private final ScaleSize size;
  private final Path out;
  private final Path work;
  private final int meshEvery;
  private final List<String> asked;
  private final SyntheticReader image;
  private final SyntheticReader labels;
  private final List<JobResult> jobs = new ArrayList<>();
  private VolumeTruth truth;
  private double truthSeconds;
  private double loadBefore;

  private ScaleHarness(ScaleSize size, Path out, Path work, int meshEvery, List<String> asked) {
    this.size = size;
    this.out = out;
    this.work = work;
    this.meshEvery = meshEvery;
    this.asked = List.copyOf(asked);
    if (!JOBS.containsAll(asked)) {
      throw new IllegalArgumentException("jobs " + asked + ": known are " + JOBS);
    }
    this.image = (SyntheticReader) Volumes.open(size.image());
    this.labels = (SyntheticReader) Volumes.open(size.labels());
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      throw new IllegalArgumentException(
          "usage: ScaleHarness SIZE OUT.json WORK [MESH_EVERY (0: default)] [JOBS]");
    }
    Path work = Path.of(args[2]);
    ScaleSize size = ScaleSize.of(Integer.parseInt(args[0]));
    int every = args.length > 3 && Integer.parseInt(args[3]) > 0 ? Integer.parseInt(args[3])
        : defaultMeshEvery(size);
    List<String> jobs = List.of((args.length > 4 ? args[4] : "count,mesh,downsample").split(","));
    // The same jobs on a small volume first, unrecorded: the JIT compiles the kernels there,
    // so the 1x figures are not mostly warm-up (the larger sizes would hide it anyway).
    ScaleSize warm = ScaleSize.warmUp();
    boolean exact = new ScaleHarness(warm, work.resolve("warm-up.json"), work.resolve("warm-up"),
        1, jobs).run();
    exact &= new ScaleHarness(size, Path.of(args[1]), work.resolve("run"), every, jobs).run();
    System.exit(exact ? 0 : 3);
  }

  private boolean run() throws IOException {
    loadBefore = load();
    long t = System.nanoTime();
    truth = VolumeTruth.of(image);
    truthSeconds = (System.nanoTime() - t) / 1e9;
    System.out.printf("%s: %s, %d voxels, %d cells (truth in %.1f s)%n", size.name(),
        size.shape(), size.voxels(), truth.count(), truthSeconds);
    LocalStorage.deleteTree(work);
    Files.createDirectories(work);
    SparkSession spark = ScaleSession.start(MASTER);
    SparkMetrics metrics = new SparkMetrics();
    spark.sparkContext().addSparkListener(metrics);
    boolean exact = true;
    try (HeapWatch heap = new HeapWatch()) {
      for (String job : asked) {
        JobResult r = measure(job, spark, metrics, heap);
        jobs.add(r);
        write(false);
        System.out.printf("%s %s: %.1f s, %.1f Mvoxel/s, exact %s: %s%n", size.name(), job,
            r.wallSeconds(), r.voxelsPerSecond() / 1e6, r.exact(), r.check());
        exact &= r.exact();
      }
      write(true);
    } finally {
      spark.stop();
      LocalStorage.deleteTree(work);
    }
    return exact;
  }

  private JobResult measure(String job, SparkSession spark, SparkMetrics metrics,
      HeapWatch heap) {
    heap.start();
    metrics.take();
    long t = System.nanoTime();
    Outcome o = switch (job) {
      case "count" -> count(spark);
      case "mesh" -> mesh(spark);
      default -> downsample(spark);
    };
    double wall = (System.nanoTime() - t) / 1e9;
    HeapFigures h = heap.take();
    SparkFigures s = settled(metrics);
    String check;
    boolean exact;
    try {
      check = o.check().get();
      exact = true;
    } catch (Mismatch m) {
      check = m.getMessage();
      exact = false;
    }
    return new JobResult(job, o.input(), size.voxels(), wall, size.voxels() / wall, h, s,
        o.driverState(), exact, check, o.note());
  }

  /** What a job gave back: its figures now, its check to run once the clock has stopped. */
  private record Outcome(String input, Map<String, Object> driverState, Supplier<String> check,
      String note) {}

  private Outcome count(SparkSession spark) {
    CountRun run = CellCount.runMeasured(spark, size.image(), CountOptions.threshold(128),
        JournalRequest.OFF);
    long objects = run.table().count();
    SeamStats seams = run.seams();
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("objects", objects);
    state.put("seamPairs", seams.pairs());
    state.put("crossingPieces", seams.crossingPieces());
    state.put("merge", seams.merge());
    state.put("driverEntries", seams.driverEntries());
    state.put("rounds", seams.rounds());
    return new Outcome(size.image(), state, () -> CountCheck.check(run.table(), truth),
        "threshold 128, 6-connected, cuboid " + CellCount.DEFAULT_CUBOID + "; the table is"
        + " materialised (cached) inside the timed call");
  }

  private Outcome mesh(SparkSession spark) {
    Path dir = work.resolve("meshes");
    long[] ids = truth.ids();
    long[] chosen = meshEvery == 1 ? ids : IntStream.range(0, ids.length)
        .filter(i -> i % meshEvery == 0).mapToLong(i -> ids[i]).toArray();
    MeshSelection selection = meshEvery == 1 ? MeshSelection.allLabels()
        : MeshSelection.labels(chosen);
    MeshJob.Options opts = MeshJob.Options.of(selection, dir).withFormat(MeshFormat.PLY_BINARY);
    List<MeshJob.Written> written = MeshJob.run(spark, size.labels(), opts);
    long bytes = treeBytes(dir);
    long triangles = written.stream().mapToLong(MeshJob.Written::triangles).sum();
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("meshes", written.size());
    state.put("writtenRecordsOnDriver", written.size());
    state.put("triangles", triangles);
    state.put("outputBytes", bytes);
    VoxelSize voxel = image.info().voxelSize().orElseThrow();
    return new Outcome(size.labels(), state, () -> {
      String c = MeshCheck.check(written, truth, meshEvery, voxel);
      LocalStorage.deleteTree(dir);
      return c;
    }, (meshEvery == 1 ? "every cell" : "every " + meshEvery + "th cell in id order ("
        + chosen.length + " of " + ids.length + "; the whole volume is read and marched)")
        + " at full resolution, unsimplified, binary PLY, one file per cell; files deleted"
        + " after the check");
  }

  private Outcome downsample(SparkSession spark) {
    String group = "zarr:" + work.resolve("pyramid.zarr");
    Pyramid.Result r = Pyramid.run(spark, size.image(), Pyramid.Options.of(PYRAMID_LEVELS)
        .withFactor(PYRAMID_FACTOR).withOut(group));
    long bytes = treeBytes(work.resolve("pyramid.zarr"));
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("levels", r.extents().size());
    state.put("passes", r.passes());
    state.put("outputBytes", bytes);
    return new Outcome(size.image(), state, () -> {
      String c = DownsampleCheck.check(group, PYRAMID_LEVELS, image);
      LocalStorage.deleteTree(work.resolve("pyramid.zarr"));
      return c;
    }, "new OME-Zarr group: level 0 written from the source, with " + PYRAMID_LEVELS
        + " levels of " + PYRAMID_FACTOR + " (mean) in one pass; default compressor");
  }

  /** The listener's figures once Spark's event bus has delivered the job's last events. */
  private static SparkFigures settled(SparkMetrics metrics) {
    try {
      metrics.settle(10_000);
      Thread.sleep(2500); // past one heartbeat, so the last executor metrics are in
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return metrics.take();
  }

  private void write(boolean complete) {
    SizeResult r = new SizeResult(size.factor(), size.shape().x() + "," + size.shape().y() + ","
        + size.shape().z(), size.voxels(), truth.count(), truthSeconds, MASTER,
        Runtime.getRuntime().maxMemory(), Runtime.getRuntime().availableProcessors(), loadBefore,
        load(), System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
        complete, List.copyOf(jobs));
    try {
      Files.createDirectories(out.toAbsolutePath().getParent());
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double load() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return -1; // not Linux: no load figure
    }
  }

  private static long treeBytes(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
