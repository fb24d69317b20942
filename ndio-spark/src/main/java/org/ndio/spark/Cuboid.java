package org.ndio.spark;

import java.io.Serializable;
import org.ndio.InvalidBoxException;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Volume;

/** A box of a volume and its voxels: the unit ndio's Spark jobs read, process and write. */
public record Cuboid(BoundingBox box, Volume volume) implements Serializable {

  public Cuboid {
    if (box.sizeX() != volume.sizeX() || box.sizeY() != volume.sizeY()
        || box.sizeZ() != volume.sizeZ()) {
      throw new InvalidBoxException("cuboid box " + box + " and " + volume + " differ in size");
    }
  }
}
