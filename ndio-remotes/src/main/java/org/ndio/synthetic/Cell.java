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
    double t = room(term(y - cy, ry + grow), term(z - cz, rz + grow));
    if (t < 0) {
      return EMPTY;
    }
    double r = rx + grow;
    // An estimate from the closed form, then moved to the exact rule term(x) <= t, which is
    // what CellRows tests voxel by voxel: the two must give the same run to the voxel.
    double w = r * StrictMath.pow(t, 1 / p);
    long lo = (long) StrictMath.ceil(cx - w);
    long hi = (long) StrictMath.floor(cx + w);
    while (lo <= hi && term(lo - cx, r) > t) {
      lo++;
    }
    while (term(lo - 1 - cx, r) <= t) {
      lo--;
    }
    while (hi >= lo && term(hi - cx, r) > t) {
      hi--;
    }
    while (term(hi + 1 - cx, r) <= t) {
      hi++;
    }
    return hi < lo ? EMPTY : pack(lo, hi);
  }

  /**
   * One axis's share {@code |d / r|^p} of the superellipsoid's sum; above 1 (infinite) when
   * {@code |d| > r}, so a row off the cell needs no power.
   */
  double term(double d, double r) {
    double a = StrictMath.abs(d / r);
    return a > 1 ? Double.POSITIVE_INFINITY : StrictMath.pow(a, p);
  }

  /** What the x term may be in a row whose y and z terms are these; negative misses. */
  static double room(double ty, double tz) {
    return 1 - ty - tz;
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
