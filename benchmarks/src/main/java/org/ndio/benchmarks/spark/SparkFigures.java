package org.ndio.benchmarks.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What Spark reported about one job's run, from its listener events.
 *
 * @param tasks finished tasks
 * @param taskMillis summed executor run time of all tasks (wall time: on a shared machine it
 *     includes waiting for a core)
 * @param taskCpuMillis summed CPU time of the tasks' threads (what the work costs on a core of
 *     its own; GC and Spark's own threads left out)
 * @param shuffleReadBytes bytes read by shuffles (local and remote)
 * @param shuffleWriteBytes bytes written by shuffles
 * @param peakExecutionMemory the largest task's peak execution memory (Spark's own sorts,
 *     aggregations and joins; user code's arrays are not in it)
 * @param executorJvmHeapPeak the largest {@code JVMHeapMemory} the executor metrics reported
 *     (heap in use, garbage included; in local mode the executor is the driver's JVM), 0 if none
 * @param cachedMemoryPeak the most bytes of cached RDD blocks held in memory at once (Spark's
 *     storage memory: bounded by its memory fraction, beyond which blocks go to disk)
 * @param cachedDiskPeak the most bytes of cached RDD blocks on disk at once
 * @param stages each stage, in completion order
 */
public record SparkFigures(long tasks, long taskMillis, long taskCpuMillis, long shuffleReadBytes,
    long shuffleWriteBytes, long peakExecutionMemory, long executorJvmHeapPeak,
    long cachedMemoryPeak, long cachedDiskPeak, List<StageFigures> stages) {

  /** Milliseconds during which at least one stage ran (overlapping stages counted once). */
  public long stageMillis() {
    List<StageFigures> byStart = new ArrayList<>(stages);
    byStart.sort(Comparator.comparingLong(StageFigures::startMillis));
    long sum = 0;
    long from = 0;
    long to = 0;
    for (StageFigures s : byStart) {
      if (s.startMillis() > to) {
        sum += to - from;
        from = s.startMillis();
        to = s.endMillis();
      } else {
        to = Math.max(to, s.endMillis());
      }
    }
    return sum + (to - from);
  }
}
