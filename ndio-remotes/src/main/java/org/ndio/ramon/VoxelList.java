package org.ndio.ramon;

import java.util.Arrays;
import org.ndio.RamonException;

/**
 * An object's voxels listed one by one at a resolution level: {@code xyz} holds
 * {@code x, y, z} of each voxel in turn (ndstore's {@code VOXELS}, an N x 3 array).
 */
public record VoxelList(int resolution, long[] xyz) implements RamonVoxels {
  public VoxelList {
    if (resolution < 0) {
      throw new RamonException("voxel list resolution must be 0 or more, got " + resolution);
    }
    if (xyz.length % 3 != 0) {
      throw new RamonException("voxel list of " + xyz.length + " coordinates is not x,y,z triples");
    }
    for (long c : xyz) {
      if (c < 0) {
        throw new RamonException("voxel list holds a negative coordinate " + c);
      }
    }
    xyz = xyz.clone();
  }

  @Override
  public long[] xyz() {
    return xyz.clone();
  }

  @Override
  public long count() {
    return xyz.length / 3;
  }

  /** Coordinate {@code axis} (0 x, 1 y, 2 z) of voxel {@code i}. */
  public long get(int i, int axis) {
    return xyz[3 * i + axis];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VoxelList v && v.resolution == resolution && Arrays.equals(v.xyz, xyz);
  }

  @Override
  public int hashCode() {
    return 31 * resolution + Arrays.hashCode(xyz);
  }

  @Override
  public String toString() {
    return "VoxelList[resolution=" + resolution + ", voxels=" + count() + "]";
  }
}
