package org.ndio.spark.ramon;

import java.util.Optional;
import org.ndio.ramon.Cutout;
import org.ndio.ramon.RamonVoxels;
import org.ndio.ramon.VoxelList;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Volume;

/** How many voxels an object has and their tight box (none for an object without voxels). */
record VoxelStats(long count, Optional<BoundingBox> box) {

  static VoxelStats of(RamonVoxels v) {
    long[] b = {Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE,
        Long.MAX_VALUE, Long.MIN_VALUE};
    long n = 0;
    if (v instanceof Cutout c) {
      Volume d = c.data();
      BoundingBox at = c.box();
      for (int z = 0; z < d.sizeZ(); z++) {
        for (int y = 0; y < d.sizeY(); y++) {
          for (int x = 0; x < d.sizeX(); x++) {
            if (d.getLong(x, y, z) != 0) {
              n++;
              grow(b, at.x0() + x, at.y0() + y, at.z0() + z);
            }
          }
        }
      }
    } else {
      VoxelList l = (VoxelList) v;
      n = l.count();
      for (int i = 0; i < n; i++) {
        grow(b, l.get(i, 0), l.get(i, 1), l.get(i, 2));
      }
    }
    return new VoxelStats(n, n == 0 ? Optional.empty() : Optional.of(
        new BoundingBox(b[0], b[1] + 1, b[2], b[3] + 1, b[4], b[5] + 1, v.resolution())));
  }

  private static void grow(long[] b, long x, long y, long z) {
    b[0] = Math.min(b[0], x);
    b[1] = Math.max(b[1], x);
    b[2] = Math.min(b[2], y);
    b[3] = Math.max(b[3], y);
    b[4] = Math.min(b[4], z);
    b[5] = Math.max(b[5], z);
  }
}
