package org.ndio.jobs.count;

import java.io.Serializable;
import java.util.Optional;
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
 */
public record CountOptions(Foreground foreground, boolean byLabel, Connectivity connectivity,
    long minVoxels, long maxVoxels, Optional<BoundingBox> box, Optional<Size3> cuboid,
    Optional<String> labelsOut, int resolution) {

  /** Components of {@code value >= threshold}, 6-connected. */
  public static CountOptions threshold(double threshold) {
    return new CountOptions(new Foreground.AtLeast(threshold), false, Connectivity.FACES, 0,
        Long.MAX_VALUE, Optional.empty(), Optional.empty(), Optional.empty(), 0);
  }

  /** Each distinct non-zero id of a labelled volume is one object. */
  public static CountOptions labels() {
    return new CountOptions(new Foreground.SameValue(), true, Connectivity.FACES, 0,
        Long.MAX_VALUE, Optional.empty(), Optional.empty(), Optional.empty(), 0);
  }

  /** The connected components of each id of a labelled volume, apart from each other. */
  public static CountOptions splitLabels() {
    return new CountOptions(new Foreground.SameValue(), false, Connectivity.FACES, 0,
        Long.MAX_VALUE, Optional.empty(), Optional.empty(), Optional.empty(), 0);
  }

  /** What the tasks need: how voxels become objects. */
  record Rule(Foreground foreground, boolean byLabel, Connectivity connectivity)
      implements Serializable {}

  Rule rule() {
    return new Rule(foreground, byLabel, connectivity);
  }

  public CountOptions withConnectivity(Connectivity c) {
    return new CountOptions(foreground, byLabel, c, minVoxels, maxVoxels, box, cuboid,
        labelsOut, resolution);
  }

  public CountOptions withSizes(long min, long max) {
    return new CountOptions(foreground, byLabel, connectivity, min, max, box, cuboid,
        labelsOut, resolution);
  }

  public CountOptions withBox(BoundingBox b) {
    return new CountOptions(foreground, byLabel, connectivity, minVoxels, maxVoxels,
        Optional.ofNullable(b), cuboid, labelsOut, resolution);
  }

  public CountOptions withCuboid(Size3 c) {
    return new CountOptions(foreground, byLabel, connectivity, minVoxels, maxVoxels, box,
        Optional.ofNullable(c), labelsOut, resolution);
  }

  public CountOptions withResolution(int level) {
    return new CountOptions(foreground, byLabel, connectivity, minVoxels, maxVoxels, box, cuboid,
        labelsOut, level);
  }

  public CountOptions withLabelsOut(String url) {
    return new CountOptions(foreground, byLabel, connectivity, minVoxels, maxVoxels, box,
        cuboid, Optional.ofNullable(url), resolution);
  }
}
