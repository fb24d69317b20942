package org.ndio.benchmarks.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;

/**
 * The tasks' summed run and CPU time and the stages' spans of one job run, from Spark's
 * listener events, so a table can show where a job does not scale: a stage of one task, time
 * on the driver between stages, or tasks that wait for a core. Events arrive on Spark's bus
 * thread, hence the locking.
 */
public final class TaskTimes extends SparkListener {

  private long tasks;
  private long taskMillis;
  private long taskCpuNanos;
  private int jobsStarted;
  private int jobsEnded;
  private final Map<Integer, long[]> stageTasks = new HashMap<>();
  private final List<StageSpan> stages = new ArrayList<>();

  @Override
  public synchronized void onJobStart(SparkListenerJobStart e) {
    jobsStarted++;
  }

  @Override
  public synchronized void onJobEnd(SparkListenerJobEnd e) {
    jobsEnded++;
    notifyAll();
  }

  @Override
  public synchronized void onTaskEnd(SparkListenerTaskEnd e) {
    TaskMetrics m = e.taskMetrics();
    if (m == null) {
      return;
    }
    tasks++;
    taskMillis += m.executorRunTime();
    taskCpuNanos += m.executorCpuTime();
    long[] s = stageTasks.computeIfAbsent(e.stageId(), k -> new long[2]);
    s[0] += m.executorRunTime();
    s[1] = Math.max(s[1], m.executorRunTime());
  }

  @Override
  public synchronized void onStageCompleted(SparkListenerStageCompleted e) {
    StageInfo i = e.stageInfo();
    if (i.submissionTime().isEmpty() || i.completionTime().isEmpty()) {
      return;
    }
    long[] s = stageTasks.getOrDefault(i.stageId(), new long[2]);
    stages.add(new StageSpan(i.stageId(), i.name(), i.numTasks(),
        (Long) i.submissionTime().get(), (Long) i.completionTime().get(), s[0], s[1]));
  }

  /**
   * Waits until the bus has delivered the end of every job it announced (a job's end is
   * posted before its caller returns, so after a run this covers all of the run's events),
   * at most {@code millis}.
   */
  public synchronized void settle(long millis) throws InterruptedException {
    long until = System.currentTimeMillis() + millis;
    while (jobsEnded < jobsStarted && System.currentTimeMillis() < until) {
      wait(Math.max(1, until - System.currentTimeMillis()));
    }
  }

  /** The figures since the last call over a run of {@code wallNanos}, and a fresh start. */
  public synchronized JobFigures take(long wallNanos, long processCpuNanos) {
    List<StageSpan> sorted = new ArrayList<>(stages);
    sorted.sort(Comparator.comparingLong(StageSpan::start));
    JobFigures f = new JobFigures(wallNanos / 1e9, processCpuNanos / 1e9, tasks,
        taskMillis / 1e3, taskCpuNanos / 1e9, covered(sorted) / 1e3, sorted);
    tasks = 0;
    taskMillis = 0;
    taskCpuNanos = 0;
    stageTasks.clear();
    stages.clear();
    return f;
  }

  /** Milliseconds during which at least one stage ran. */
  private static long covered(List<StageSpan> byStart) {
    long sum = 0;
    long from = Long.MIN_VALUE;
    long to = Long.MIN_VALUE;
    for (StageSpan s : byStart) {
      if (s.start() > to) {
        sum += to - from;
        from = s.start();
        to = s.end();
      } else {
        to = Math.max(to, s.end());
      }
    }
    return sum + (to - from);
  }

  /**
   * One finished stage.
   *
   * @param taskMillis its tasks' summed executor run time
   * @param longestTaskMillis its slowest task
   */
  public record StageSpan(int id, String name, int tasks, long start, long end,
      long taskMillis, long longestTaskMillis) {}
}
