package org.ndio.jobs.count;

import java.io.Serializable;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Size3;

/**
 * The cuboids of a count, as the ndio source lays them with {@code anchor=box} (a grid of
 * {@code cuboid}-sized cells from the box's corner): numbers each cuboid, each voxel of the
 * box, and each component of a cuboid with one long.
 */
record CountGrid(BoundingBox box, Size3 cuboid) implements Serializable {

  /** The index of the cuboid whose box starts at {@code c}'s corner. */
  int index(BoundingBox c) {
    return indexAt(c.x0(), c.y0(), c.z0());
  }

  /** The index of the cuboid that holds voxel (x, y, z) of the box. */
  int indexAt(long x, long y, long z) {
    long gx = (x - box.x0()) / cuboid.x();
    long gy = (y - box.y0()) / cuboid.y();
    long gz = (z - box.z0()) / cuboid.z();
    long nx = (box.sizeX() + cuboid.x() - 1) / cuboid.x();
    long ny = (box.sizeY() + cuboid.y() - 1) / cuboid.y();
    return Math.toIntExact((gz * ny + gy) * nx + gx);
  }

  /** The index of the cuboid that holds the voxel {@link #pack} made {@code packed} of. */
  int indexOfPacked(long packed) {
    long x = packed % box.sizeX();
    long rest = packed / box.sizeX();
    return indexAt(box.x0() + x, box.y0() + rest % box.sizeY(), box.z0() + rest / box.sizeY());
  }

  /** Component {@code label} of cuboid {@code index}, as one key. */
  static long key(int index, int label) {
    return ((long) index << 32) | label;
  }

  /** A voxel of the box as one number, increasing in C order (z, then y, then x). */
  long pack(long x, long y, long z) {
    return ((z - box.z0()) * box.sizeY() + (y - box.y0())) * box.sizeX() + (x - box.x0());
  }
}
