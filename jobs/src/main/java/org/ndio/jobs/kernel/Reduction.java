package org.ndio.jobs.kernel;

import java.util.Locale;
import org.ndio.NdioException;

/**
 * How a block of voxels becomes one voxel of a lower resolution level: the mean (images;
 * integers rounded half up, as {@code floor(mean + 0.5)}), the most frequent non-zero value
 * (labels; ties go to the smaller id, 0 only where the block is all 0), the maximum or the
 * minimum.
 */
public enum Reduction {
  MEAN,
  MODE,
  MAX,
  MIN;

  public static Reduction parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new NdioException("mode must be mean, mode, max or min, got '" + name + "'");
    }
  }
}
