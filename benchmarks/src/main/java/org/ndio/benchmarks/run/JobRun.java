package org.ndio.benchmarks.run;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.ndio.benchmarks.spark.SparkMetrics;
import org.ndio.jobs.count.CellCount;
import org.ndio.jobs.count.CountOptions;
import org.ndio.jobs.downsample.Pyramid;
import org.ndio.jobs.kernel.Connectivity;
import org.ndio.jobs.kernel.Reduction;
import org.ndio.jobs.kernel.mesh.MeshFormat;
import org.ndio.jobs.kernel.mesh.MeshSelection;
import org.ndio.jobs.mesh.MeshJob;
import org.ndio.storage.LocalStorage;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/**
 * {@code JobRun URL NAME OUT.jsonl REPS WORK JOBS CORES [LABELS]}: whole Spark jobs on a stored
 * volume, in {@code local[N]} for each N of the comma list CORES: {@code count} (threshold 128,
 * 6-connected), {@code downsample} (one 2x2x2 mean level into a new group, which also writes
 * level 0) and {@code mesh} (binary PLY files: every cell of LABELS when given, as a
 * connectomics user meshes a segmentation, else the threshold-128 mask as one surface). Each
 * figure carries the JVM's peak heap, so a run of every size with the same -Xmx shows memory
 * bounded by the cuboids, not the volume, and where the time went ({@link JobFigures}: the
 * tasks' summed run and CPU time, the driver-only time) with the CPUs the JVM was allowed to
 * run on, and what a {@link CoreProbe} got from those CPUs right after the job's runs.
 */
public final class JobRun {

  /**
   * Warm-up runs go on until this long has passed: a job's code, Spark's included, takes many
   * runs to be compiled, and more where the compilers share one CPU with the job. Mesh 8x in
   * local[2] took 6.6, 5.6, 5.0 and 4.5 s in its first four runs and about 4 s after; count 8x
   * in local[1], after five warm-up runs on a quarter of the volume, still took 3.9, 3.7, 3.8,
   * 2.9 and 2.2 s in its five timed runs.
   */
  private static final long WARM_UP_NANOS = 20_000_000_000L;

  /**
   * The count and mesh jobs warm up on at most this corner of the volume (the downsampling
   * job, which has no box, on all of it). A volume larger than the corner is warmed up even
   * when it is timed once: cold, the 64x runs spent a third of their CPU in the JIT compilers
   * (count in local[1]: 30 s of CPU, 10 s of it in the task), and the same run differed by up
   * to 2x between JVMs.
   */
  private static final long WARM_UP_SIDE = 1024;

  /**
   * How long {@link CoreProbe} measures after each job's timed runs, so each row carries what
   * the machine's CPUs gave at the time.
   */
  private static final long PROBE_NANOS = 2_500_000_000L;

  /** What the probe labels: the same at every volume, so probes compare across rows. */
  private static final String PROBE_VOLUME = "synthetic:cells?shape=512,512,16&seed=1";

  private JobRun() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String name = args[1];
    Results out = new Results(Path.of(args[2]));
    int reps = Integer.parseInt(args[3]);
    Path work = Path.of(args[4]);
    String labels = args.length > 7 && !args[7].isEmpty() ? args[7] : null;
    long voxels;
    long bytes;
    BoundingBox corner;
    try (VolumeReader r = Volumes.open(url)) {
      BoundingBox e = r.info().extent();
      voxels = e.voxels();
      bytes = voxels * r.info().dtype().bytes();
      corner = BoundingBox.at(e.x0(), e.y0(), e.z0(), Math.min(e.sizeX(), WARM_UP_SIDE),
          Math.min(e.sizeY(), WARM_UP_SIDE), e.sizeZ());
    }
    // one timed run of a volume no larger than the corner is the quick smoke pass: no warm-up
    boolean warm = reps > 1 || corner.voxels() < voxels;
    Volume probe;
    try (VolumeReader r = Volumes.open(PROBE_VOLUME)) {
      probe = r.readAll();
    }
    for (String cores : args[6].split(",")) {
      SparkSession s = LocalSpark.start(Integer.parseInt(cores));
      SparkMetrics times = new SparkMetrics();
      s.sparkContext().addSparkListener(times);
      try {
        for (String job : args[5].split(",")) {
          HeapPeak.reset();
          long[] objects = new long[1];
          int[] round = new int[1];
          String impl = "ours-local[" + cores + "]";
          try {
            Runnable clean = () -> LocalStorage.deleteTree(work);
            if (warm) {
              Best.warmUp(WARM_UP_NANOS, Integer.MAX_VALUE, clean, () -> run(s, job, url,
                  labels, Files.createDirectories(work.resolve(job + "-" + round[0]++)), corner));
            }
            List<JobFigures> timed = timed(reps, times, clean, () -> {
              Path dir = Files.createDirectories(work.resolve(job + "-" + round[0]++));
              objects[0] = run(s, job, url, labels, dir, null);
              return objects[0];
            });
            JobFigures f = timed.stream()
                .min(Comparator.comparingDouble(JobFigures::wallSeconds)).orElseThrow();
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("peak_bytes", HeapPeak.bytes());
            extra.put("objects", objects[0]);
            extra.put("threads", Integer.parseInt(cores));
            extra.put("max_heap", Runtime.getRuntime().maxMemory());
            extra.put("processors", Runtime.getRuntime().availableProcessors());
            extra.put("cpus_allowed", CpuAffinity.allowed());
            extra.put("output_fs", Files.getFileStore(work).type());
            extra.put("shuffle_fs", Files.getFileStore(Path.of(s.sparkContext().getConf()
                .get("spark.local.dir", System.getProperty("java.io.tmpdir")))).type());
            extra.putAll(f.fields());
            extra.put("runs_s", timed.stream()
                .map(t -> Math.round(t.wallSeconds() * 1e3) / 1e3).toList());
            extra.put("probe_calls_per_s", Math.round(CoreProbe.callsPerSecond(probe,
                Integer.parseInt(cores), PROBE_NANOS) * 100) / 100.0);
            out.add(area(job), name, impl, job, f.wallSeconds(), voxels, bytes, extra);
          } catch (RuntimeException | OutOfMemoryError e) {
            // a job that cannot finish in the fixed heap is a result too: recorded, not fatal
            out.failed(area(job), name, impl, job, voxels, e.toString(),
                Runtime.getRuntime().maxMemory());
          }
          LocalStorage.deleteTree(work);
        }
      } finally {
        s.stop();
      }
    }
  }

  /**
   * The figures of {@code reps} runs (at least one), in order. Before each run,
   * {@code untimed} removes the last one's output, outside the clock: output left in place
   * made the later runs slower (mesh 8x: 4.2 s in its fourth run, 5.3 s in its eighth). The
   * listener settles outside the clock.
   */
  private static List<JobFigures> timed(int reps, SparkMetrics times, Runnable untimed,
      Best.Work w) throws Exception {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory
        .getOperatingSystemMXBean();
    times.settle(10_000);
    times.take();
    List<JobFigures> runs = new ArrayList<>();
    for (int i = 0; i < Math.max(1, reps); i++) {
      untimed.run();
      long cpu = os.getProcessCpuTime();
      long t = System.nanoTime();
      Best.sink = w.run();
      long wall = System.nanoTime() - t;
      cpu = os.getProcessCpuTime() - cpu;
      times.settle(10_000);
      runs.add(new JobFigures(wall / 1e9, cpu / 1e9, times.take()));
    }
    return runs;
  }

  /** One run of {@code job}; {@code box} (null: all) limits the count and mesh jobs. */
  private static long run(SparkSession s, String job, String url, String labels, Path dir,
      BoundingBox box) {
    return switch (job) {
      case "count" -> CellCount.run(s, url, CountOptions.threshold(128)
          .withConnectivity(Connectivity.of(6)).withBox(box)).count();
      case "downsample" -> Pyramid.run(s, url, Pyramid.Options.of(1)
          .withFactor(new Size3(2, 2, 2)).withReduction(Reduction.MEAN)
          .withOut("zarr:" + dir.resolve("pyramid"))).extents().size();
      case "mesh" -> {
        MeshJob.Options o = MeshJob.Options.of(labels == null ? MeshSelection.threshold(128)
            : MeshSelection.allLabels(), dir).withFormat(MeshFormat.PLY_BINARY).withBox(box);
        List<MeshJob.Written> w = MeshJob.run(s, labels == null ? url : labels, o);
        yield w.size();
      }
      default -> throw new IllegalArgumentException("count | downsample | mesh: " + job);
    };
  }

  private static String area(String job) {
    return job.equals("count") ? "labelling" : job.equals("mesh") ? "meshing" : "downsampling";
  }
}
