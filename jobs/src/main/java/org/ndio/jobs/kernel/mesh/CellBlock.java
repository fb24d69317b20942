package org.ndio.jobs.kernel.mesh;

import java.io.Serializable;
import org.ndio.InvalidBoxException;
import org.ndio.volume.BoundingBox;

/**
 * One call's share of a meshing job: the global box of voxels its volume holds and the global
 * box of cells it owns. Cell {@code (i, j, k)} is the cube whose corners are voxels {@code i..i
 * + 1, j..j + 1, k..k + 1}; a dataset of {@code N} voxels on an axis has cells {@code -1..N -
 * 1} there, the outermost ones half outside it, where everything is background, so objects
 * touching the dataset's faces are closed. Every cell must be owned by exactly one call; then
 * the pieces weld into closed surfaces. Voxels a call needs but its volume lacks count as
 * background, so a cuboid's volume must include one voxel beyond its cells on the high sides
 * (see {@link #forCuboid}).
 */
public record CellBlock(BoundingBox voxels, BoundingBox cells) implements Serializable {

  public CellBlock {
    check("x", voxels.x0(), voxels.x1(), cells.x0(), cells.x1());
    check("y", voxels.y0(), voxels.y1(), cells.y0(), cells.y1());
    check("z", voxels.z0(), voxels.z1(), cells.z0(), cells.z1());
  }

  private static void check(String axis, long v0, long v1, long c0, long c1) {
    if (c0 < v0 - 1 || c1 > v1) {
      throw new InvalidBoxException("cells " + c0 + ":" + c1 + " in " + axis
          + " reach beyond the voxels " + v0 + ":" + v1 + " they are computed from (cells may"
          + " run from one before the first voxel to one before the last)");
    }
  }

  /** All the cells of a dataset (or box) read as one volume. */
  public static CellBlock whole(BoundingBox dataset) {
    return new CellBlock(dataset, new BoundingBox(dataset.x0() - 1, dataset.x1(),
        dataset.y0() - 1, dataset.y1(), dataset.z0() - 1, dataset.z1()));
  }

  /**
   * The share of one cuboid of a grid that tiles {@code dataset}: the cells whose low corner is
   * in the cuboid, plus the outer half-cells where the cuboid is on the dataset's low faces;
   * the voxels to read are the cuboid and one more voxel on each high side, within the
   * dataset.
   */
  public static CellBlock forCuboid(BoundingBox cuboid, BoundingBox dataset) {
    dataset.requireContains(cuboid, "the dataset " + dataset);
    BoundingBox voxels = new BoundingBox(cuboid.x0(), Math.min(cuboid.x1() + 1, dataset.x1()),
        cuboid.y0(), Math.min(cuboid.y1() + 1, dataset.y1()), cuboid.z0(),
        Math.min(cuboid.z1() + 1, dataset.z1()));
    BoundingBox cells = new BoundingBox(
        cuboid.x0() == dataset.x0() ? cuboid.x0() - 1 : cuboid.x0(), cuboid.x1(),
        cuboid.y0() == dataset.y0() ? cuboid.y0() - 1 : cuboid.y0(), cuboid.y1(),
        cuboid.z0() == dataset.z0() ? cuboid.z0() - 1 : cuboid.z0(), cuboid.z1());
    return new CellBlock(voxels, cells);
  }
}
