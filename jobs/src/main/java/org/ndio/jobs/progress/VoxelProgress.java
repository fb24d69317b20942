package org.ndio.jobs.progress;

import org.ndio.jobs.convert.Convert;

/**
 * Progress of a copy in this process, which reports voxels done of the total after each
 * block: the work unit is the voxel.
 */
public final class VoxelProgress implements Convert.Progress, ProgressSource {

  private volatile JobStatus status = JobStatus.none("voxels");

  @Override
  public void block(long doneVoxels, long totalVoxels) {
    status = new JobStatus(doneVoxels, totalVoxels, "voxels", doneVoxels, 0, 0, 0);
  }

  @Override
  public JobStatus status() {
    return status;
  }
}
