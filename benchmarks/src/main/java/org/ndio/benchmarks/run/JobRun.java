package org.ndio.benchmarks.run;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.ndio.volume.Size3;

/**
 * {@code JobRun URL NAME OUT.jsonl REPS WORK JOBS CORES [LABELS]}: whole Spark jobs on a stored
 * volume,
 * in {@code local[N]} for each N of the comma list CORES: {@code count} (threshold 128,
 * 6-connected), {@code downsample} (one 2x2x2 mean level into a new group, level 0 copied) and
 * {@code mesh} (binary PLY files: every cell of LABELS when given, as a connectomics user
 * meshes a segmentation, else the threshold-128 mask as one surface). Each figure carries the
 * JVM's peak heap, so a run of every size with the same -Xmx shows memory bounded by the
 * cuboids, not the volume, and where the time went ({@link JobFigures}: the tasks' summed run
 * and CPU time, the driver-only time) with the CPUs the JVM was allowed to run on.
 */
public final class JobRun {

  /**
   * Warm-up runs go on until this long has passed (up to five runs): a job's code, Spark's
   * included, takes several runs to be compiled; mesh 8x in local[2] took 6.6, 5.6, 5.0 and
   * 4.5 s in its first four runs and about 4 s after.
   */
  private static final long WARM_UP_NANOS = 20_000_000_000L;

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
    try (VolumeReader r = Volumes.open(url)) {
      voxels = r.info().extent().voxels();
      bytes = voxels * r.info().dtype().bytes();
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
            JobFigures f = best(reps, times, () -> LocalStorage.deleteTree(work), () -> {
              Path dir = Files.createDirectories(work.resolve(job + "-" + round[0]++));
              objects[0] = run(s, job, url, labels, dir);
              return objects[0];
            });
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("peak_bytes", HeapPeak.bytes());
            extra.put("objects", objects[0]);
            extra.put("threads", Integer.parseInt(cores));
            extra.put("max_heap", Runtime.getRuntime().maxMemory());
            extra.put("processors", Runtime.getRuntime().availableProcessors());
            extra.put("cpus_allowed", CpuAffinity.allowed());
            extra.put("output_fs", Files.getFileStore(work).type());
            extra.putAll(f.fields());
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
   * The figures of the fastest of {@code reps} runs, after warm-up runs (none for one run).
   * Before each run, {@code untimed} removes the last one's output, outside the clock: output
   * left in place made the later runs slower (mesh 8x: 4.2 s in its fourth run, 5.3 s in its
   * eighth). The listener settles outside the clock.
   */
  private static JobFigures best(int reps, SparkMetrics times, Runnable untimed, Best.Work w)
      throws Exception {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory
        .getOperatingSystemMXBean();
    Best.warmUp(reps, WARM_UP_NANOS, untimed, w);
    times.settle(10_000);
    times.take();
    JobFigures best = null;
    for (int i = 0; i < Math.max(1, reps); i++) {
      untimed.run();
      long cpu = os.getProcessCpuTime();
      long t = System.nanoTime();
      Best.sink = w.run();
      long wall = System.nanoTime() - t;
      cpu = os.getProcessCpuTime() - cpu;
      times.settle(10_000);
      JobFigures f = new JobFigures(wall / 1e9, cpu / 1e9, times.take());
      if (best == null || f.wallSeconds() < best.wallSeconds()) {
        best = f;
      }
    }
    return best;
  }

  private static long run(SparkSession s, String job, String url, String labels, Path dir) {
    return switch (job) {
      case "count" -> CellCount.run(s, url, CountOptions.threshold(128)
          .withConnectivity(Connectivity.of(6))).count();
      case "downsample" -> Pyramid.run(s, url, Pyramid.Options.of(1)
          .withFactor(new Size3(2, 2, 2)).withReduction(Reduction.MEAN)
          .withOut("zarr:" + dir.resolve("pyramid"))).extents().size();
      case "mesh" -> {
        List<MeshJob.Written> w = labels == null
            ? MeshJob.run(s, url, MeshJob.Options.of(MeshSelection.threshold(128), dir)
                .withFormat(MeshFormat.PLY_BINARY))
            : MeshJob.run(s, labels, MeshJob.Options.of(MeshSelection.allLabels(), dir)
                .withFormat(MeshFormat.PLY_BINARY));
        yield w.size();
      }
      default -> throw new IllegalArgumentException("count | downsample | mesh: " + job);
    };
  }

  private static String area(String job) {
    return job.equals("count") ? "labelling" : job.equals("mesh") ? "meshing" : "downsampling";
  }
}
