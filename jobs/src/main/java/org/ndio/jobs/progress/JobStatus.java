package org.ndio.jobs.progress;

/**
 * What a running job has done so far: units of work done of those known (Spark tasks, or
 * voxels for a copy in one process), the voxels and voxel bytes read, and what had to be done
 * again (failed task attempts, requests to a remote sent again).
 *
 * @param done units of work finished
 * @param total units of work known so far (grows as a Spark job plans more stages)
 * @param unit what a unit is, plural ("tasks", "voxels")
 * @param voxels voxels read (0 where the job does not say)
 * @param bytes bytes of those voxels
 * @param failedTasks task attempts that failed and were run again
 * @param retries requests to storage or a remote sent again
 */
public record JobStatus(long done, long total, String unit, long voxels, long bytes,
    long failedTasks, long retries) {

  /** Nothing done yet, nothing known. */
  public static JobStatus none(String unit) {
    return new JobStatus(0, 0, unit, 0, 0, 0, 0);
  }

  /** The finished share of the known work, 0 when nothing is known yet. */
  public double fraction() {
    return total <= 0 ? 0 : Math.min(1.0, (double) done / total);
  }
}
