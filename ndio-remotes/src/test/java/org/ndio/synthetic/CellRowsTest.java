package org.ndio.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Reads paint a cell from its per-read tables ({@link CellRows}); the truth measures it with
 * {@link Cell#run}, and a brute-force test of every voxel against the superellipsoid's rule
 * decides between them. All three must agree on every row of random cells.
 */
class CellRowsTest {

  @Test
  void tablesDirectRunsAndTheVoxelRuleAgree() {
    SplittableRandom rnd = new SplittableRandom(42);
    long rows = 0;
    long filled = 0;
    for (int n = 0; n < 400; n++) {
      Cell c = new Cell(n + 1, rnd.nextDouble(-50, 50), rnd.nextDouble(-50, 50),
          rnd.nextDouble(-50, 50), rnd.nextDouble(0.3, 14), rnd.nextDouble(0.3, 14),
          rnd.nextDouble(0.3, 6), rnd.nextDouble(1.5, 4), 0.5);
      CellRows t = new CellRows(c);
      for (long z = (long) Math.floor(c.cz() - c.rz()) - 3; z <= c.cz() + c.rz() + 3; z++) {
        for (long y = (long) Math.floor(c.cy() - c.ry()) - 3; y <= c.cy() + c.ry() + 3; y++) {
          for (double grow : new double[] {0, Cell.MEMBRANE}) {
            long direct = grow == 0 ? c.run(y, z) : c.membraneRun(y, z);
            long table = grow == 0 ? t.run(y, z) : t.membraneRun(y, z);
            long brute = brute(c, y, z, grow);
            String where = c + " row y=" + y + " z=" + z + " grow " + grow;
            assertEquals(span(brute), span(direct), "direct, " + where);
            assertEquals(span(brute), span(table), "tables, " + where);
            rows++;
            filled += Cell.hi(brute) >= Cell.lo(brute) ? 1 : 0;
          }
        }
      }
    }
    assertTrue(filled > rows / 4, "too few rows meet their cell: " + filled + " of " + rows);
  }

  /** The run as every voxel of the row tested alone finds it. */
  private static long brute(Cell c, long y, long z, double grow) {
    double t = Cell.room(c.term(y - c.cy(), c.ry() + grow), c.term(z - c.cz(), c.rz() + grow));
    Long lo = null;
    long hi = 0;
    for (long x = (long) Math.floor(c.cx() - c.rx()) - 3; x <= c.cx() + c.rx() + 3; x++) {
      if (t >= 0 && c.term(x - c.cx(), c.rx() + grow) <= t) {
        assertTrue(lo == null || hi == x - 1, "run of " + c + " has a gap at x=" + x);
        lo = lo == null ? x : lo;
        hi = x;
      }
    }
    return lo == null ? Cell.EMPTY : Cell.pack(lo, hi);
  }

  private static String span(long run) {
    return Cell.hi(run) < Cell.lo(run) ? "empty" : Cell.lo(run) + ".." + Cell.hi(run);
  }
}
