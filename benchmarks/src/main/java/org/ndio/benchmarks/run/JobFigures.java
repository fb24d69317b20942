package org.ndio.benchmarks.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where one job run's time went.
 *
 * @param wallSeconds the whole run, as the caller saw it
 * @param processCpuSeconds CPU time of the whole JVM in the run (tasks, driver, GC, JIT)
 * @param tasks finished tasks
 * @param taskSeconds the tasks' summed executor run time (wall time of each task: it includes
 *     waiting for a core on a shared machine)
 * @param taskCpuSeconds the tasks' summed CPU time
 * @param stageSeconds the time during which at least one stage ran
 * @param stages each stage, by start
 */
public record JobFigures(double wallSeconds, double processCpuSeconds, long tasks,
    double taskSeconds, double taskCpuSeconds, double stageSeconds,
    List<TaskTimes.StageSpan> stages) {

  /** Wall time with no stage running: planning, driver-side work between stages, cleanup. */
  public double driverSeconds() {
    return Math.max(0, wallSeconds - stageSeconds);
  }

  /** The fields a result row carries. */
  public Map<String, Object> fields() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("process_cpu_s", round(processCpuSeconds));
    m.put("tasks", tasks);
    m.put("task_s", round(taskSeconds));
    m.put("task_cpu_s", round(taskCpuSeconds));
    m.put("stage_s", round(stageSeconds));
    m.put("driver_s", round(driverSeconds()));
    m.put("stages", stages.stream().map(s -> List.of(s.name(), s.tasks(),
        round((s.end() - s.start()) / 1e3), round(s.taskMillis() / 1e3),
        round(s.longestTaskMillis() / 1e3))).toList());
    return m;
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
