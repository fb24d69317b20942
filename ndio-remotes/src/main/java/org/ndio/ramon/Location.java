package org.ndio.ramon;

import java.io.Serializable;
import org.ndio.RamonException;

/** A sub-voxel position {@code (x, y, z)}: where a skeleton node lies. */
public record Location(double x, double y, double z) implements Serializable {
  public Location {
    if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(z)) {
      throw new RamonException("node location " + x + "," + y + "," + z + " is not finite");
    }
  }
}
