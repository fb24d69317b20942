package org.ndio.jobs.kernel.mesh;

import org.ndio.InvalidBoxException;

/**
 * Names a mesh vertex by the voxel edge it lies on: the global position of the edge's lower
 * voxel and the edge's axis (0 = x, 1 = y, 2 = z), packed into a long. Marching cubes on a
 * binary mask puts every vertex at the middle of such an edge, so two calls that mesh
 * neighbouring cells name a shared vertex by the same key and their pieces weld exactly, with
 * no floating-point matching.
 *
 * <p>Layout, high to low: z + 1 (20 bits), y + 1 (21 bits), x + 1 (21 bits), axis (2 bits).
 * The + 1 lets edges start at voxel -1, the background just outside a volume's low faces.
 */
public final class VertexKey {

  /** Largest voxel coordinate an edge may start at in x and y. */
  public static final long MAX_XY = (1L << 21) - 2;
  /** Largest voxel coordinate an edge may start at in z. */
  public static final long MAX_Z = (1L << 20) - 2;

  static final int X_SHIFT = 2;
  static final int Y_SHIFT = 23;
  static final int Z_SHIFT = 44;
  private static final long XY_MASK = (1L << 21) - 1;

  private VertexKey() {}

  /** The key of the edge from voxel {@code (x, y, z)} one step along {@code axis}. */
  public static long of(long x, long y, long z, int axis) {
    if (x < -1 || y < -1 || z < -1 || x > MAX_XY || y > MAX_XY || z > MAX_Z) {
      throw new InvalidBoxException("mesh vertex at voxel " + x + "," + y + "," + z
          + " is outside the range meshes can name (x and y up to " + MAX_XY + ", z up to "
          + MAX_Z + ")");
    }
    return unchecked(x, y, z, axis);
  }

  static long unchecked(long x, long y, long z, int axis) {
    return ((z + 1) << Z_SHIFT) | ((y + 1) << Y_SHIFT) | ((x + 1) << X_SHIFT) | axis;
  }

  public static long x(long key) {
    return ((key >>> X_SHIFT) & XY_MASK) - 1;
  }

  public static long y(long key) {
    return ((key >>> Y_SHIFT) & XY_MASK) - 1;
  }

  public static long z(long key) {
    return (key >>> Z_SHIFT) - 1;
  }

  public static int axis(long key) {
    return (int) (key & 3);
  }

  /** The vertex position in voxel units: the middle of its edge. */
  public static double positionX(long key) {
    return x(key) + (axis(key) == 0 ? 0.5 : 0);
  }

  public static double positionY(long key) {
    return y(key) + (axis(key) == 1 ? 0.5 : 0);
  }

  public static double positionZ(long key) {
    return z(key) + (axis(key) == 2 ? 0.5 : 0);
  }

  public static String toString(long key) {
    return "(" + x(key) + "," + y(key) + "," + z(key) + ")" + "xyz".charAt(axis(key));
  }
}
