package org.ndio.ramon;

import org.ndio.RamonException;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Volume;

/**
 * A dense block of an object's voxels: {@code data} covers {@code box} (its corner is the
 * HDF5 {@code XYZOFFSET}, its level the {@code RESOLUTION}); a voxel belongs to the object where
 * data is non-zero, as ndstore reads a posted {@code CUTOUT}.
 */
public record Cutout(BoundingBox box, Volume data) implements RamonVoxels {
  public Cutout {
    BoundingBox shape = data.shape();
    if (shape.x1() != box.x1() - box.x0() || shape.y1() != box.y1() - box.y0()
        || shape.z1() != box.z1() - box.z0()) {
      throw new RamonException("cutout data of " + data.sizeX() + "x" + data.sizeY() + "x"
          + data.sizeZ() + " voxels does not fill its box " + box);
    }
    if (box.x0() < 0 || box.y0() < 0 || box.z0() < 0) {
      throw new RamonException("cutout box " + box + " has a negative corner");
    }
  }

  @Override
  public int resolution() {
    return box.resolution();
  }

  @Override
  public long count() {
    long n = 0;
    for (int z = 0; z < data.sizeZ(); z++) {
      for (int y = 0; y < data.sizeY(); y++) {
        for (int x = 0; x < data.sizeX(); x++) {
          if (data.getLong(x, y, z) != 0) {
            n++;
          }
        }
      }
    }
    return n;
  }
}
