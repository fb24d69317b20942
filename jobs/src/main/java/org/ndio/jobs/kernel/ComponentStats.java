package org.ndio.jobs.kernel;

import java.util.Arrays;

/**
 * Statistics of components indexed 0..n-1 in volume-local coordinates: voxel count, sums of
 * x, y and z (for centroids), inclusive bounding box, first voxel in C order, and the voxels'
 * value (the label, for {@link Foreground.SameValue}).
 */
public final class ComponentStats {

  public final long[] voxels;
  public final long[] sumX;
  public final long[] sumY;
  public final long[] sumZ;
  public final int[] minX;
  public final int[] minY;
  public final int[] minZ;
  public final int[] maxX;
  public final int[] maxY;
  public final int[] maxZ;
  /** The first voxel in C order (smallest z, then y, then x). */
  public final int[] firstX;
  public final int[] firstY;
  public final int[] firstZ;
  public final long[] value;

  ComponentStats(int n) {
    voxels = new long[n];
    sumX = new long[n];
    sumY = new long[n];
    sumZ = new long[n];
    minX = filled(n, Integer.MAX_VALUE);
    minY = filled(n, Integer.MAX_VALUE);
    minZ = filled(n, Integer.MAX_VALUE);
    maxX = filled(n, Integer.MIN_VALUE);
    maxY = filled(n, Integer.MIN_VALUE);
    maxZ = filled(n, Integer.MIN_VALUE);
    firstX = filled(n, -1);
    firstY = new int[n];
    firstZ = new int[n];
    value = new long[n];
  }

  private static int[] filled(int n, int v) {
    int[] a = new int[n];
    Arrays.fill(a, v);
    return a;
  }

  public int size() {
    return voxels.length;
  }

  void add(int i, int x0, int x1, int y, int z, long v) {
    long n = x1 - x0;
    voxels[i] += n;
    sumX[i] += (long) (x0 + x1 - 1) * n / 2;
    sumY[i] += y * n;
    sumZ[i] += z * n;
    minX[i] = Math.min(minX[i], x0);
    maxX[i] = Math.max(maxX[i], x1 - 1);
    minY[i] = Math.min(minY[i], y);
    maxY[i] = Math.max(maxY[i], y);
    minZ[i] = Math.min(minZ[i], z);
    maxZ[i] = Math.max(maxZ[i], z);
    if (firstX[i] < 0) { // runs arrive in C order: the first run holds the first voxel
      firstX[i] = x0;
      firstY[i] = y;
      firstZ[i] = z;
      value[i] = v;
    }
  }
}
