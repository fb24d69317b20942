package org.ndio.ramon;

import java.io.Serializable;

/** A voxel position {@code (x, y, z)}: a centroid or a seed's position. */
public record Point3(long x, long y, long z) implements Serializable {
  @Override
  public String toString() {
    return x + "," + y + "," + z;
  }
}
