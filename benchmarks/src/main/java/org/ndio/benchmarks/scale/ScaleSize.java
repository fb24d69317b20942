package org.ndio.benchmarks.scale;

import org.ndio.volume.Size3;

/**
 * One volume size of the scale runs: {@code factor} times the shared ssTEM stack (1024 x 1024
 * x 20 voxels), each step of 8 doubling x, y and z, so the cell density and the cuboid stay
 * those of the 1x volume.
 *
 * @param factor 1, 8, 64 or 512 (0 for the small warm-up volume)
 * @param shape the volume's shape
 */
public record ScaleSize(int factor, Size3 shape) {

  /** The ssTEM stack's shape, the 1x volume. */
  public static final Size3 BASE = new Size3(1024, 1024, 20);

  /**
   * The grid the cells sit on. Not the default 32: cells never leave their grid place, and
   * places of 32 tile cuboids of 256 exactly, so no cell would cross an x or y seam; with 30
   * many cells cross the seams of the 256 x 256 x 64 cuboids and the seam merge has work.
   */
  public static final Size3 SPACING = new Size3(30, 30, 12);

  /** Chunks of the synthetic volumes (count's and mesh's default cuboid is 2 x 2 x 4 of them). */
  public static final Size3 CHUNKS = new Size3(128, 128, 16);

  /** The size {@code factor} times the base: each side doubled once per factor of 8. */
  public static ScaleSize of(int factor) {
    if (factor < 1 || Integer.bitCount(factor) != 1
        || Integer.numberOfTrailingZeros(factor) % 3 != 0) {
      throw new IllegalArgumentException("size factor " + factor + " is not 1, 8, 64, 512, ...");
    }
    int steps = Integer.numberOfTrailingZeros(factor) / 3;
    return new ScaleSize(factor, new Size3(BASE.x() << steps, BASE.y() << steps,
        BASE.z() << steps));
  }

  /** A quarter of the 1x volume, run first and not recorded, so the JIT has compiled the jobs. */
  public static ScaleSize warmUp() {
    return new ScaleSize(0, new Size3(BASE.x() / 2, BASE.y() / 2, BASE.z()));
  }

  public long voxels() {
    return shape.voxels();
  }

  /** The EM-like image (uint8, cells >= 128). */
  public String image() {
    return "synthetic:cells?" + params() + "&dtype=uint8";
  }

  /** The matching labels channel (uint32 cell ids). */
  public String labels() {
    return "synthetic:cells-labels?" + params() + "&dtype=uint32";
  }

  private String params() {
    return "shape=" + text(shape) + "&chunks=" + text(CHUNKS) + "&spacing=" + text(SPACING)
        + "&seed=1";
  }

  static String text(Size3 s) {
    return s.x() + "," + s.y() + "," + s.z();
  }

  public String name() {
    return factor == 0 ? "warm-up" : factor + "x";
  }
}
