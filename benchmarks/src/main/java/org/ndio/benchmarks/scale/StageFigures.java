package org.ndio.benchmarks.scale;

/**
 * One finished Spark stage as the listener saw it: its tasks' summed and longest run time
 * (executor run time, so scheduling and result fetching are left out) and its wall time.
 *
 * @param name Spark's name for the stage (the call site that made it)
 * @param tasks number of tasks
 * @param taskMillis summed executor run time of its tasks
 * @param taskCpuMillis summed CPU time of its tasks
 * @param longestTaskMillis the slowest task
 * @param wallMillis from submission to completion
 */
public record StageFigures(int id, String name, int tasks, long taskMillis, long taskCpuMillis,
    long longestTaskMillis, long wallMillis) {}
