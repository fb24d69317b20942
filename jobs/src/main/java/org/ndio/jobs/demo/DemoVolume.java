package org.ndio.jobs.demo;

import java.util.SplittableRandom;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;
import org.ndio.volume.VoxelSize;

/**
 * A synthetic EM-like volume whose right answer is known: bright ellipsoidal cells with dark
 * membranes on a textured grey background, and the matching labels. Cells sit one per cell of
 * a jittered grid, kept at least two voxels apart, so every cell is exactly one connected
 * component of {@code em >= THRESHOLD} under 6-, 18- or 26-connectivity, and the number of
 * cells is the number of distinct labels. The same seed and shape always give the same bytes.
 *
 * @param em uint8 greyscale
 * @param labels uint32, 0 outside cells, cells numbered 1..cells in grid order (z, y, x)
 * @param cells number of cells (each has at least one voxel inside the volume)
 */
public record DemoVolume(Volume em, Volume labels, int cells, long seed) {

  /** Cell voxels are at or above this grey value, everything else below it. */
  public static final int THRESHOLD = 128;

  /** Default shape: 4 Mvoxels, small enough for a laptop, several chunks in every direction. */
  public static final Size3 DEFAULT_SHAPE = new Size3(256, 256, 64);

  /** Anisotropic like serial-section EM. */
  public static final VoxelSize VOXEL_SIZE = new VoxelSize(4, 4, 40, "nanometer");

  // Grid cell size: x and y fine, z coarse, as EM cells look in voxels.
  private static final int GX = 32;
  private static final int GY = 32;
  private static final int GZ = 12;

  public static DemoVolume generate(Size3 shape, long seed) {
    int sx = (int) shape.x();
    int sy = (int) shape.y();
    int sz = (int) shape.z();
    Volume em = Volume.allocate(DataType.UINT8, sx, sy, sz);
    Volume labels = Volume.allocate(DataType.UINT32, sx, sy, sz);
    SplittableRandom rnd = new SplittableRandom(seed);

    // Background: smooth stripes of varying grey plus grain, always below the membrane
    // brightness range's top and well below the threshold.
    double fx = 0.05 + rnd.nextDouble() * 0.05;
    double fy = 0.04 + rnd.nextDouble() * 0.05;
    for (int z = 0; z < sz; z++) {
      for (int y = 0; y < sy; y++) {
        for (int x = 0; x < sx; x++) {
          double smooth = 85 + 20 * Math.sin(fx * x + 0.3 * z) * Math.cos(fy * y);
          em.setLong(x, y, z, clamp(smooth + rnd.nextInt(21) - 10, 40, 120));
        }
      }
    }

    int id = 0;
    for (int gz = 0; gz * GZ < sz; gz++) {
      for (int gy = 0; gy * GY < sy; gy++) {
        for (int gx = 0; gx * GX < sx; gx++) {
          if (rnd.nextInt(5) == 0) {
            continue; // leave some grid cells empty, as tissue has gaps
          }
          // Radii leave a margin of at least 2 voxels (1 membrane + 1 background) to the grid
          // cell's border after jitter, so cells never touch.
          int rx = 6 + rnd.nextInt(8);
          int ry = 6 + rnd.nextInt(8);
          int rz = 2 + rnd.nextInt(3);
          int cx = gx * GX + GX / 2 + jitter(rnd, GX / 2 - rx - 2);
          int cy = gy * GY + GY / 2 + jitter(rnd, GY / 2 - ry - 2);
          int cz = gz * GZ + GZ / 2 + jitter(rnd, GZ / 2 - rz - 2);
          if (paint(em, labels, id + 1, cx, cy, cz, rx, ry, rz, rnd)) {
            id++;
          }
        }
      }
    }
    return new DemoVolume(em, labels, id, seed);
  }

  private static int jitter(SplittableRandom rnd, int max) {
    return max <= 0 ? 0 : rnd.nextInt(2 * max + 1) - max;
  }

  /** Paints one ellipsoid and its membrane; false if no voxel of it lies in the volume. */
  private static boolean paint(Volume em, Volume labels, int id, int cx, int cy, int cz, int rx,
      int ry, int rz, SplittableRandom rnd) {
    boolean inside = false;
    int base = 160 + rnd.nextInt(40);
    for (int z = Math.max(0, cz - rz - 1); z <= Math.min(em.sizeZ() - 1, cz + rz + 1); z++) {
      for (int y = Math.max(0, cy - ry - 1); y <= Math.min(em.sizeY() - 1, cy + ry + 1); y++) {
        for (int x = Math.max(0, cx - rx - 1); x <= Math.min(em.sizeX() - 1, cx + rx + 1); x++) {
          double dx = (x - cx) / (double) rx;
          double dy = (y - cy) / (double) ry;
          double dz = (z - cz) / (double) rz;
          double d = dx * dx + dy * dy + dz * dz;
          if (d <= 1) {
            em.setLong(x, y, z, clamp(base + rnd.nextInt(41) - 20, THRESHOLD, 255));
            labels.setLong(x, y, z, id);
            inside = true;
          } else if (d <= 1.6 && labels.getLong(x, y, z) == 0) {
            em.setLong(x, y, z, 15 + rnd.nextInt(20)); // membrane: dark, below threshold
          }
        }
      }
    }
    return inside;
  }

  private static long clamp(double v, int lo, int hi) {
    return Math.max(lo, Math.min(hi, Math.round(v)));
  }
}
