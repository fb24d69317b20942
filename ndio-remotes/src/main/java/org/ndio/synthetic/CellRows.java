package org.ndio.synthetic;

/**
 * A cell's runs for one read, from its per-axis terms computed once per read instead of three
 * powers per row: the same runs as {@link Cell#run} and {@link Cell#membraneRun} (the same
 * {@link Cell#term} values, the same rule), at a table lookup per voxel of the run. Reading is
 * what makes synthetic volumes fast; the truth keeps using {@link Cell} directly.
 */
final class CellRows {
  private final Cell cell;
  private final Axis inner;
  private final Axis grown;

  CellRows(Cell cell) {
    this.cell = cell;
    this.inner = new Axis(cell, 0);
    this.grown = new Axis(cell, Cell.MEMBRANE);
  }

  Cell cell() {
    return cell;
  }

  long run(long y, long z) {
    return inner.run(y, z);
  }

  long membraneRun(long y, long z) {
    return grown.run(y, z);
  }

  /** The terms along x, y and z of the cell grown by one amount, over its whole extent. */
  private static final class Axis {
    private final long x0;
    private final long y0;
    private final long z0;
    private final double[] tx;
    private final double[] ty;
    private final double[] tz;
    private final long centre;

    Axis(Cell c, double grow) {
      x0 = (long) StrictMath.floor(c.cx() - c.rx() - grow) - 1;
      y0 = (long) StrictMath.floor(c.cy() - c.ry() - grow) - 1;
      z0 = (long) StrictMath.floor(c.cz() - c.rz() - grow) - 1;
      tx = terms(c, x0, c.cx(), c.rx() + grow);
      ty = terms(c, y0, c.cy(), c.ry() + grow);
      tz = terms(c, z0, c.cz(), c.rz() + grow);
      // The voxel nearest the centre has the smallest x term: a row's run holds it or is empty.
      long f = (long) StrictMath.floor(c.cx());
      centre = c.cx() - f <= 0.5 ? f : f + 1;
    }

    private static double[] terms(Cell c, long from, double centre, double r) {
      // Three voxels of margin past the extent, whose terms are infinite, end every scan.
      int n = (int) ((long) StrictMath.ceil(centre + r) + 2 - from);
      double[] t = new double[n];
      for (int i = 0; i < n; i++) {
        t[i] = c.term(from + i - centre, r);
      }
      return t;
    }

    long run(long y, long z) {
      long j = y - y0;
      long k = z - z0;
      if (j < 0 || j >= ty.length || k < 0 || k >= tz.length) {
        return Cell.EMPTY;
      }
      double t = Cell.room(ty[(int) j], tz[(int) k]);
      if (t < 0) {
        return Cell.EMPTY;
      }
      int c = (int) (centre - x0);
      if (!(tx[c] <= t)) {
        return Cell.EMPTY;
      }
      int lo = c;
      while (tx[lo - 1] <= t) {
        lo--;
      }
      int hi = c;
      while (tx[hi + 1] <= t) {
        hi++;
      }
      return Cell.pack(x0 + lo, x0 + hi);
    }
  }
}
