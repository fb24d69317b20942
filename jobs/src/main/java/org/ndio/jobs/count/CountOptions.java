package org.ndio.jobs.count;

import java.io.Serializable;
import java.util.Optional;
import org.ndio.NdioException;
import org.ndio.jobs.kernel.Connectivity;
import org.ndio.jobs.kernel.Foreground;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Size3;

/**
 * How to count.
 *
 * @param foreground which voxels are objects and which may join (see {@link Foreground})
 * @param byLabel each distinct non-zero value is one object however its voxels lie (a
 *     labelled volume); when false, objects are connected components
 * @param minVoxels objects smaller than this are dropped
 * @param maxVoxels objects larger than this are dropped
 * @param box the part of the volume to count in (all of it if empty)
 * @param cuboid the work unit (whole chunks; a default that suits the store if empty)
 * @param labelsOut where to write the objects as a label volume, ids 1..N as in the table
 * @param resolution the resolution level to count at (the box is at that level)
 * @param driverMergeLimit the most touching piece pairs merged on the driver; past it (or
 *     when 0) the seam merge runs distributed over the executors, and so does the lookup of
 *     label ids when more pieces than this would be labelled (see {@link SeamMerge})
 */
public record CountOptions(Foreground foreground, boolean byLabel, Connectivity connectivity,
    long minVoxels, long maxVoxels, Optional<BoundingBox> box, Optional<Size3> cuboid,
    Optional<String> labelsOut, int resolution, long driverMergeLimit) {

  /**
   * Default {@link #driverMergeLimit}: two million pairs keep the driver's merge state to a
   * few hundred MB of boxed map entries at most.
   */
  public static final long DEFAULT_DRIVER_MERGE_LIMIT = 2_000_000;

  /** Checks the limit, which a caller may pass from a command line. */
  public CountOptions {
    if (driverMergeLimit < 0) {
      throw new NdioException("driver merge limit " + driverMergeLimit
          + ": give 0 or more pairs");
    }
  }

  /** Components of {@code value >= threshold}, 6-connected. */
  public static CountOptions threshold(double threshold) {
    return new CountOptions(new Foreground.AtLeast(threshold), false, Connectivity.FACES, 0,
        Long.MAX_VALUE, Optional.empty(), Optional.empty(), Optional.empty(), 0,
        DEFAULT_DRIVER_MERGE_LIMIT);
  }

  /** Each distinct non-zero id of a labelled volume is one object. */
  public static CountOptions labels() {
    return new CountOptions(new Foreground.SameValue(), true, Connectivity.FACES, 0,
        Long.MAX_VALUE, Optional.empty(), Optional.empty(), Optional.empty(), 0,
        DEFAULT_DRIVER_MERGE_LIMIT);
  }

  /** The connected components of each id of a labelled volume, apart from each other. */
  public static CountOptions splitLabels() {
    return new CountOptions(new Foreground.SameValue(), false, Connectivity.FACES, 0,
        Long.MAX_VALUE, Optional.empty(), Optional.empty(), Optional.empty(), 0,
        DEFAULT_DRIVER_MERGE_LIMIT);
  }

  /** What the tasks need: how voxels become objects. */
  record Rule(Foreground foreground, boolean byLabel, Connectivity connectivity)
      implements Serializable {}

  Rule rule() {
    return new Rule(foreground, byLabel, connectivity);
  }

  public CountOptions withConnectivity(Connectivity c) {
    return new CountOptions(foreground, byLabel, c, minVoxels, maxVoxels, box, cuboid,
        labelsOut, resolution, driverMergeLimit);
  }

  public CountOptions withSizes(long min, long max) {
    return new CountOptions(foreground, byLabel, connectivity, min, max, box, cuboid,
        labelsOut, resolution, driverMergeLimit);
  }

  public CountOptions withBox(BoundingBox b) {
    return new CountOptions(foreground, byLabel, connectivity, minVoxels, maxVoxels,
        Optional.ofNullable(b), cuboid, labelsOut, resolution, driverMergeLimit);
  }

  public CountOptions withCuboid(Size3 c) {
    return new CountOptions(foreground, byLabel, connectivity, minVoxels, maxVoxels, box,
        Optional.ofNullable(c), labelsOut, resolution, driverMergeLimit);
  }

  public CountOptions withResolution(int level) {
    return new CountOptions(foreground, byLabel, connectivity, minVoxels, maxVoxels, box, cuboid,
        labelsOut, level, driverMergeLimit);
  }

  public CountOptions withLabelsOut(String url) {
    return new CountOptions(foreground, byLabel, connectivity, minVoxels, maxVoxels, box,
        cuboid, Optional.ofNullable(url), resolution, driverMergeLimit);
  }

  /**
   * Merges at most {@code pairs} touching piece pairs on the driver; more go to the
   * distributed merge. 0 always merges distributed.
   */
  public CountOptions withDriverMergeLimit(long pairs) {
    return new CountOptions(foreground, byLabel, connectivity, minVoxels, maxVoxels, box,
        cuboid, labelsOut, resolution, pairs);
  }
}
