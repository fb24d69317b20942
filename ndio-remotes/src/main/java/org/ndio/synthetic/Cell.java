package org.ndio.synthetic;

/**
 * One cell: an axis-aligned superellipsoid {@code |dx/rx|^p + |dy/ry|^p + |dz/rz|^p <= 1}
 * around a centre off the voxel grid. Every row of it is one run of voxels centred on
 * {@code cx}, and runs shrink away from the centre, so the cell, and its part inside any box, is
 * one 6-connected component: the truth needs no labelling.
 *
 * <p>Computed with {@link StrictMath} so that every JVM, driver or executor, generates and
 * counts the same voxels.
 *
 * @param id the cell's label
 * @param shade the cell's grey level, 0 to 1 within the bright range
 */
public record Cell(long id, double cx, double cy, double cz, double rx, double ry, double rz,
    double p, double shade) {

  /** Growth of the radii that gives the dark membrane around the cell. */
  static final double MEMBRANE = 1.0;

  /**
   * The cell's run in row {@code (y, z)} as {@code [lo, hi]} packed by {@link #pack}; empty
   * (hi < lo) when the row misses the cell.
   */
  public long run(long y, long z) {
    return run(y, z, 0);
  }

  /** The run of the cell grown by its membrane. */
  long membraneRun(long y, long z) {
    return run(y, z, MEMBRANE);
  }

  private long run(long y, long z, double grow) {
    double ay = StrictMath.abs((y - cy) / (ry + grow));
    double az = StrictMath.abs((z - cz) / (rz + grow));
    if (ay > 1 || az > 1) {
      return EMPTY;
    }
    double t = 1 - StrictMath.pow(ay, p) - StrictMath.pow(az, p);
    if (t < 0) {
      return EMPTY;
    }
    double w = (rx + grow) * StrictMath.pow(t, 1 / p);
    long lo = (long) StrictMath.ceil(cx - w);
    long hi = (long) StrictMath.floor(cx + w);
    return hi < lo ? EMPTY : pack(lo, hi);
  }

  /** Lowest z, y and x a voxel of the cell (membrane included) can have. */
  long minZ() {
    return (long) StrictMath.floor(cz - rz - MEMBRANE);
  }

  long maxZ() {
    return (long) StrictMath.ceil(cz + rz + MEMBRANE);
  }

  long minY() {
    return (long) StrictMath.floor(cy - ry - MEMBRANE);
  }

  long maxY() {
    return (long) StrictMath.ceil(cy + ry + MEMBRANE);
  }

  static final long EMPTY = pack(1, 0);

  static long pack(long lo, long hi) {
    return (lo << 32) | (hi & 0xFFFF_FFFFL);
  }

  static long lo(long run) {
    return run >> 32;
  }

  static long hi(long run) {
    return (int) run;
  }
}
