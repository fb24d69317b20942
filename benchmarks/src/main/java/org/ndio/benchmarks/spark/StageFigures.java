package org.ndio.benchmarks.spark;

/**
 * One finished Spark stage as the listener saw it: its tasks' summed and longest run time
 * (executor run time, so scheduling and result fetching are left out) and its span.
 *
 * @param name Spark's name for the stage (the call site that made it)
 * @param tasks number of tasks
 * @param taskMillis summed executor run time of its tasks
 * @param taskCpuMillis summed CPU time of its tasks
 * @param longestTaskMillis the slowest task
 * @param startMillis submission, epoch milliseconds
 * @param endMillis completion, epoch milliseconds
 */
public record StageFigures(int id, String name, int tasks, long taskMillis, long taskCpuMillis,
    long longestTaskMillis, long startMillis, long endMillis) {

  /** From submission to completion. */
  public long wallMillis() {
    return endMillis - startMillis;
  }
}
