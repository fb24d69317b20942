package org.ndio.benchmarks.run;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ndio.benchmarks.KernelBenchmark;
import org.ndio.jobs.kernel.Components;
import org.ndio.jobs.kernel.mesh.KeyedMesh;
import org.ndio.store.VolumeReader;
import org.ndio.store.Volumes;
import org.ndio.volume.Volume;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code KernelRun URL NAME OUT.jsonl REPS OPS [MESH_CAP]}: times each kernel of the comma list
 * OPS with JMH ({@link KernelBenchmark}, one forked JVM with this one's options, a warm-up
 * second, then REPS iterations of at least a second each, the fastest iteration's time per call
 * kept, as the peers keep their fastest call), then runs it once
 * more here for what JMH does not give: the peak heap of a call (the volume included) and what
 * it found, to check against the peer.
 */
public final class KernelRun {

  private KernelRun() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String name = args[1];
    Results out = new Results(Path.of(args[2]));
    int reps = Integer.parseInt(args[3]);
    long cap = args.length > 5 ? Long.parseLong(args[5]) : Long.MAX_VALUE;
    for (String op : args[4].split(",")) {
      double seconds = jmhBest(url, op, cap, reps);
      Volume in;
      long full;
      try (VolumeReader r = Volumes.open(url)) {
        Volume v = r.readAll();
        full = v.voxels();
        in = KernelBenchmark.input(v, op, cap);
      }
      HeapPeak.reset();
      long objects = objects(KernelBenchmark.run(op, in));
      Map<String, Object> extra = new LinkedHashMap<>(Map.of("peak_bytes", HeapPeak.bytes(),
          "objects", objects, "threads", 1, "timer", "jmh"));
      if (in.voxels() != full) {
        extra.put("capped", true);
        extra.put("full_voxels", full);
      }
      out.add(area(op), name, "ours-kernel", op, seconds, in.voxels(), in.voxels(), extra);
    }
  }

  /** Seconds per call in the fastest of {@code reps} iterations, in a forked JVM. */
  private static double jmhBest(String url, String op, long cap, int reps) throws Exception {
    List<String> jvm = new ArrayList<>(ManagementFactory.getRuntimeMXBean().getInputArguments());
    jvm.add("-Dndio.bench.volume=" + url);
    jvm.add("-Dndio.bench.meshCap=" + cap);
    Options o = new OptionsBuilder()
        .include(KernelBenchmark.class.getName() + ".kernel")
        .param("op", op)
        .forks(1)
        .jvmArgs(jvm.toArray(String[]::new))
        .warmupIterations(1)
        .warmupTime(TimeValue.seconds(1))
        .measurementIterations(Math.max(1, reps))
        .measurementTime(TimeValue.seconds(1))
        .build();
    Collection<RunResult> results = new Runner(o).run();
    RunResult r = results.iterator().next();
    // the score is in the benchmark's unit, milliseconds per call
    return r.getPrimaryResult().getStatistics().getMin() / 1e3;
  }

  private static String area(String op) {
    return op.startsWith("label") ? "labelling" : op.equals("mesh") ? "meshing" : "downsampling";
  }

  /**
   * What the run found, for checking against the peer: components for labels, triangles for
   * meshes (not comparable: the triangulations differ), the sum of the voxels of a reduced
   * volume (equal to numpy's where both round the same way).
   */
  @SuppressWarnings("unchecked")
  private static long objects(Object o) {
    if (o instanceof Components c) {
      return c.count();
    }
    if (o instanceof Map<?, ?> m) {
      long t = 0;
      for (KeyedMesh k : ((Map<Long, KeyedMesh>) m).values()) {
        t += k.triangleCount();
      }
      return t;
    }
    long sum = 0;
    for (byte b : ((Volume) o).array()) {
      sum += b & 0xff;
    }
    return sum;
  }
}
