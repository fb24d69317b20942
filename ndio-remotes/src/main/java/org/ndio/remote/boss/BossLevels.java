package org.ndio.remote.boss;

import org.ndio.BoxOutOfBoundsException;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.VoxelSize;

/**
 * The resolution hierarchy of a BOSS experiment, as the service computes it (spdb's
 * {@code get_downsampled_extent_dims} and {@code get_downsampled_voxel_dims}): level {@code r}
 * halves x and y {@code r} times, rounding sizes up; an isotropic hierarchy halves z too, an
 * anisotropic one keeps z. Valid levels are {@code [base, base + levels)}.
 *
 * @param frame the coordinate frame (level 0)
 * @param baseResolution the channel's lowest level
 * @param levels the experiment's {@code num_hierarchy_levels}
 * @param isotropic whether the hierarchy method is {@code isotropic}
 */
public record BossLevels(BossCoordFrame frame, int baseResolution, int levels,
    boolean isotropic) {

  /** The hierarchy of a channel in its experiment. */
  public static BossLevels of(BossCoordFrame frame, BossExperiment e, BossChannel c) {
    return new BossLevels(frame, c.baseResolution(), e.numHierarchyLevels(), e.isotropic());
  }

  public boolean hasLevel(int level) {
    return level >= baseResolution && level < baseResolution + levels;
  }

  /** Throws unless {@code level} is one the service serves, naming {@code what}. */
  public void requireLevel(int level, String what) {
    if (!hasLevel(level)) {
      throw new BoxOutOfBoundsException(what + ": resolution level " + level + " is outside the"
          + " channel's levels " + baseResolution + ".." + (baseResolution + levels - 1));
    }
  }

  /**
   * The extent at {@code level}: the frame's stops divided by {@code 2^level} rounded up as the
   * service does, its starts rounded down.
   */
  public BoundingBox extent(int level) {
    long f = 1L << level;
    long fz = isotropic ? f : 1;
    return new BoundingBox(Math.floorDiv(frame.xStart(), f), ceilDiv(frame.xStop(), f),
        Math.floorDiv(frame.yStart(), f), ceilDiv(frame.yStop(), f),
        Math.floorDiv(frame.zStart(), fz), ceilDiv(frame.zStop(), fz), level);
  }

  /** The voxel size at {@code level}: doubled per level in x and y (and z if isotropic). */
  public VoxelSize voxelSize(int level) {
    VoxelSize v = frame.voxelSize();
    double f = Math.scalb(1.0, level);
    return new VoxelSize(v.x() * f, v.y() * f, isotropic ? v.z() * f : v.z(), v.unit());
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }
}
