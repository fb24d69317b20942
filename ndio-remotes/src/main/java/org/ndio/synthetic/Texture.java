package org.ndio.synthetic;

/**
 * The grey values of the synthetic image, in uint8 levels: a background of smooth waves and
 * grain in [24, 104], membranes in [8, 40], cells in [140, 236] — so a threshold of 128 (half
 * the range) separates cells from everything else. Deterministic per voxel.
 */
final class Texture {
  private final long seed;
  private final long x0;
  private final double[] sinX;
  private final double[] cosX;
  private final double fy;

  Texture(long seed, long x0, int width) {
    this.seed = seed;
    this.x0 = x0;
    double fx = 0.05 + 0.05 * unit(CellGrid.fmix(seed ^ 0x51A7E));
    this.fy = 0.04 + 0.05 * unit(CellGrid.fmix(seed ^ 0xC0FFEE));
    sinX = new double[width];
    cosX = new double[width];
    for (int i = 0; i < width; i++) {
      sinX[i] = StrictMath.sin(fx * (x0 + i));
      cosX[i] = StrictMath.cos(fx * (x0 + i));
    }
  }

  void background(long y, long z, long[] row) {
    double sz = StrictMath.sin(0.3 * z);
    double cz = StrictMath.cos(0.3 * z);
    double cy = StrictMath.cos(fy * y);
    for (int i = 0; i < row.length; i++) {
      double wave = (sinX[i] * cz + cosX[i] * sz) * cy;
      row[i] = 64 + (long) Math.floor(20 * wave) + grain(x0 + i, y, z, 41) - 20;
    }
  }

  long membrane(long x, long y, long z) {
    return 8 + grain(x, y, z, 33);
  }

  long cell(long x, long y, long z, double shade) {
    return 160 + (long) (56 * shade) + grain(x, y, z, 41) - 20;
  }

  /** A pseudo-random integer in [0, n) for one voxel. */
  private long grain(long x, long y, long z, int n) {
    long h = (x * 0x9E3779B97F4A7C15L) ^ (y * 0xC2B2AE3D27D4EB4FL) ^ (z * 0x165667B19E3779F9L)
        ^ seed;
    h ^= h >>> 29;
    h *= 0xBF58476D1CE4E5B9L;
    h ^= h >>> 32;
    return ((h >>> 32) * n) >>> 32; // the top bits scaled to [0, n): no division per voxel
  }

  private static double unit(long h) {
    return (h >>> 11) * 0x1.0p-53;
  }
}
