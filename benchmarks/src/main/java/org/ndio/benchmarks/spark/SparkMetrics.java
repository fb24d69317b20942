package org.ndio.benchmarks.spark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.executor.ExecutorMetrics;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerBlockUpdated;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageExecutorMetrics;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.storage.BlockUpdatedInfo;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Sums Spark's task metrics, keeps the stages' spans and the peaks of its executor metrics
 * between two calls of {@link #take}: what the scale and job harnesses report about a run.
 * Listener events arrive on Spark's bus thread, hence the locking.
 */
public final class SparkMetrics extends SparkListener {

  private static final String HEAP = "JVMHeapMemory";

  private long tasks;
  private long taskMillis;
  private long taskCpuNanos;
  private long shuffleRead;
  private long shuffleWrite;
  private long peakExecution;
  private long heapPeak;
  private final Map<Integer, long[]> stageTasks = new HashMap<>();
  // Cached RDD blocks now (they outlive a job's figures, so take() keeps them) and the peaks.
  private final Map<String, long[]> blocks = new HashMap<>();
  private long cachedMemory;
  private long cachedDisk;
  private long cachedMemoryPeak;
  private long cachedDiskPeak;
  private final List<StageFigures> stages = new ArrayList<>();
  private int jobsStarted;
  private int jobsEnded;

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
    shuffleRead += m.shuffleReadMetrics().totalBytesRead();
    shuffleWrite += m.shuffleWriteMetrics().bytesWritten();
    peakExecution = Math.max(peakExecution, m.peakExecutionMemory());
    long[] s = stageTasks.computeIfAbsent(e.stageId(), k -> new long[3]);
    s[0] += m.executorRunTime();
    s[1] = Math.max(s[1], m.executorRunTime());
    s[2] += m.executorCpuTime();
    heap(e.taskExecutorMetrics());
  }

  @Override
  public synchronized void onStageCompleted(SparkListenerStageCompleted e) {
    StageInfo i = e.stageInfo();
    if (i.submissionTime().isEmpty() || i.completionTime().isEmpty()) {
      return; // skipped: its output was already there
    }
    long[] s = stageTasks.getOrDefault(i.stageId(), new long[3]);
    stages.add(new StageFigures(i.stageId(), i.name(), i.numTasks(), s[0], s[2] / 1_000_000,
        s[1], (Long) i.submissionTime().get(), (Long) i.completionTime().get()));
  }

  @Override
  public synchronized void onStageExecutorMetrics(SparkListenerStageExecutorMetrics e) {
    heap(e.executorMetrics());
  }

  @Override
  public synchronized void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate e) {
    for (ExecutorMetrics m : CollectionConverters.asJava(e.executorUpdates()).values()) {
      heap(m);
    }
  }

  @Override
  public synchronized void onBlockUpdated(SparkListenerBlockUpdated e) {
    BlockUpdatedInfo i = e.blockUpdatedInfo();
    if (!i.blockId().isRDD()) {
      return;
    }
    long[] now = {i.memSize(), i.diskSize()};
    long[] before = blocks.put(i.blockId().name(), now);
    cachedMemory += now[0] - (before == null ? 0 : before[0]);
    cachedDisk += now[1] - (before == null ? 0 : before[1]);
    cachedMemoryPeak = Math.max(cachedMemoryPeak, cachedMemory);
    cachedDiskPeak = Math.max(cachedDiskPeak, cachedDisk);
  }

  private void heap(ExecutorMetrics m) {
    if (m != null) {
      heapPeak = Math.max(heapPeak, m.getMetricValue(HEAP));
    }
  }

  /**
   * Waits until the bus has delivered the end of every job it announced (a job's end is
   * posted before its caller returns, so after a run this covers all of the run's task and
   * stage events), at most {@code millis}. Executor metrics come with heartbeats, later.
   */
  public synchronized void settle(long millis) throws InterruptedException {
    long until = System.currentTimeMillis() + millis;
    while (jobsEnded < jobsStarted && System.currentTimeMillis() < until) {
      wait(Math.max(1, until - System.currentTimeMillis()));
    }
  }

  /** The figures since the last call, and a fresh start. */
  public synchronized SparkFigures take() {
    SparkFigures f = new SparkFigures(tasks, taskMillis, taskCpuNanos / 1_000_000, shuffleRead,
        shuffleWrite, peakExecution, heapPeak, cachedMemoryPeak, cachedDiskPeak,
        List.copyOf(stages));
    cachedMemoryPeak = cachedMemory;
    cachedDiskPeak = cachedDisk;
    tasks = 0;
    taskMillis = 0;
    taskCpuNanos = 0;
    shuffleRead = 0;
    shuffleWrite = 0;
    peakExecution = 0;
    heapPeak = 0;
    stageTasks.clear();
    stages.clear();
    return f;
  }
}
