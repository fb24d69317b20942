package org.ndio.jobs.kernel.mesh;

import org.ndio.jobs.kernel.ConnectedComponents;
import org.ndio.jobs.kernel.Connectivity;
import org.ndio.jobs.kernel.Foreground;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;

/**
 * What the surfaces of a binary object should be under the 18/6 convention, from its voxels
 * alone: one closed surface between each object component (18-connected) and each background
 * component (6-connected) it touches. Those touch as a tree, so with the volume padded by
 * background the surfaces number objects + background components - 1; the surfaces of
 * cavities (background components other than the outside) face inward.
 */
final class DigitalTopology {

  /**
   * Object components, cavities, and the Euler characteristic the surfaces sum to: for the
   * object O in a padded box whose background is B, the surfaces bound B together with the
   * box's own sphere, so they sum to 2 chi(B) - 2.
   */
  record Expected(int objects, int cavities, int surfaceEuler) {
    int surfaces() {
      return objects + cavities;
    }
  }

  private DigitalTopology() {}

  /** For the voxels of {@code v} with value {@code label} (any non-zero value if 0). */
  static Expected of(Volume v, long label) {
    int sx = v.sizeX() + 2;
    int sy = v.sizeY() + 2;
    int sz = v.sizeZ() + 2;
    Volume in = Volume.allocate(DataType.UINT8, sx, sy, sz);
    Volume out = Volume.allocate(DataType.UINT8, sx, sy, sz);
    out.fill(1L);
    for (int z = 0; z < v.sizeZ(); z++) {
      for (int y = 0; y < v.sizeY(); y++) {
        for (int x = 0; x < v.sizeX(); x++) {
          long val = v.getLong(x, y, z);
          if (label == 0 ? val != 0 : val == label) {
            in.setLong(x + 1, y + 1, z + 1, 1);
            out.setLong(x + 1, y + 1, z + 1, 0);
          }
        }
      }
    }
    int objects = ConnectedComponents.label(in, new Foreground.NonZero(), Connectivity.EDGES)
        .count();
    int background = ConnectedComponents.label(out, new Foreground.NonZero(),
        Connectivity.FACES).count();
    return new Expected(objects, background - 1, 2 * euler6(out) - 2);
  }

  /**
   * The Euler characteristic of a 6-connected set whose complement is 18-connected: that of the
   * complex with a vertex per voxel, an edge per face-adjacent pair, a square per 2x2 block and
   * a cube per 2x2x2 block of the set, plus one disk for each 2x2x2 block whose only voxels
   * outside the set are two opposite corners: those do not touch (18-connectivity leaves out
   * corners), so the ring of six voxels around them encloses no tunnel.
   */
  static int euler6(Volume in) {
    int sx = in.sizeX();
    int sy = in.sizeY();
    int sz = in.sizeZ();
    int chi = 0;
    for (int z = 0; z < sz; z++) {
      for (int y = 0; y < sy; y++) {
        for (int x = 0; x < sx; x++) {
          int a = at(in, x, y, z);
          chi += a;
          chi -= a * at(in, x + 1, y, z);
          chi -= a * at(in, x, y + 1, z);
          chi -= a * at(in, x, y, z + 1);
          chi += a * at(in, x + 1, y, z) * at(in, x, y + 1, z) * at(in, x + 1, y + 1, z);
          chi += a * at(in, x + 1, y, z) * at(in, x, y, z + 1) * at(in, x + 1, y, z + 1);
          chi += a * at(in, x, y + 1, z) * at(in, x, y, z + 1) * at(in, x, y + 1, z + 1);
          if (x + 1 < sx && y + 1 < sy && z + 1 < sz) {
            int cube = 0;
            for (int c = 0; c < 8; c++) {
              cube |= at(in, x + (c & 1), y + (c >> 1 & 1), z + (c >> 2 & 1)) << c;
            }
            if (cube == 255) {
              chi -= 1;
            }
            for (int c = 0; c < 4; c++) {
              if (cube == (255 & ~(1 << c) & ~(1 << (7 - c)))) {
                chi += 1;
              }
            }
          }
        }
      }
    }
    return chi;
  }

  private static int at(Volume v, int x, int y, int z) {
    return x < v.sizeX() && y < v.sizeY() && z < v.sizeZ() ? (int) v.getLong(x, y, z) : 0;
  }
}
