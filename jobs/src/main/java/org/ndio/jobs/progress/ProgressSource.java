package org.ndio.jobs.progress;

/**
 * Where a job's progress can be read while it runs: the small interface between the jobs,
 * which count, and whoever shows the count (the command line draws a bar, a notebook may
 * print). Implementations are safe to read from another thread.
 */
public interface ProgressSource {

  /** The status now. */
  JobStatus status();

  /**
   * Waits until {@link #status()} includes all work finished so far (Spark delivers its task
   * events asynchronously, a little after the job itself returned).
   */
  default void settle() {}
}
