package org.ndio.benchmarks.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ndio.benchmarks.spark.SparkFigures;

/**
 * Where one job run's time went.
 *
 * @param wallSeconds the whole run, as the caller saw it
 * @param processCpuSeconds CPU time of the whole JVM in the run (tasks, driver, GC, JIT)
 * @param spark what Spark's listener saw of the run (tasks' run and CPU time, stage spans)
 */
public record JobFigures(double wallSeconds, double processCpuSeconds, SparkFigures spark) {

  /** Wall time with no stage running: planning, driver-side work between stages, cleanup. */
  public double driverSeconds() {
    return Math.max(0, wallSeconds - spark.stageMillis() / 1e3);
  }

  /** The fields a result row carries. */
  public Map<String, Object> fields() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("process_cpu_s", round(processCpuSeconds));
    m.put("tasks", spark.tasks());
    m.put("task_s", round(spark.taskMillis() / 1e3));
    m.put("task_cpu_s", round(spark.taskCpuMillis() / 1e3));
    m.put("stage_s", round(spark.stageMillis() / 1e3));
    m.put("driver_s", round(driverSeconds()));
    m.put("stages", spark.stages().stream().map(s -> List.of(s.name(), s.tasks(),
        round(s.wallMillis() / 1e3), round(s.taskMillis() / 1e3),
        round(s.longestTaskMillis() / 1e3))).toList());
    return m;
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
