package org.ndio.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ndio.volume.BoundingBox;

/**
 * The right answer for a synthetic volume inside a box, computed from the cells' shapes
 * without generating a voxel: {@link #count} the cells with at least one voxel in the box;
 * {@link #cells} each one's voxels, centroid and bounding box, summed row by row (each row
 * of a cell is one run, so the cost is the number of rows, not of voxels).
 */
public final class Truth {
  private Truth() {}

  /**
   * Number of cells with a voxel in {@code box}. A place wholly inside the box counts when it
   * holds a cell (its cell has a voxel by construction: the radii exceed the distance to the
   * nearest voxel centre); places on the box's border are counted run by run. So a huge box
   * costs one random draw per place.
   */
  public static long count(SyntheticSpec spec, BoundingBox box) {
    CellGrid grid = spec.grid();
    long sx = spec.spacing().x();
    long sy = spec.spacing().y();
    long sz = spec.spacing().z();
    long px = Places.placesAlong(spec.shape().x(), sx);
    long py = Places.placesAlong(spec.shape().y(), sy);
    long n = 0;
    for (long gz = box.z0() / sz; gz <= (box.z1() - 1) / sz; gz++) {
      boolean innerZ = gz * sz >= box.z0() && (gz + 1) * sz <= box.z1();
      for (long gy = box.y0() / sy; gy <= (box.y1() - 1) / sy; gy++) {
        boolean innerY = gy * sy >= box.y0() && (gy + 1) * sy <= box.y1();
        for (long gx = box.x0() / sx; gx <= (box.x1() - 1) / sx; gx++) {
          boolean inner = innerZ && innerY && gx * sx >= box.x0() && (gx + 1) * sx <= box.x1();
          if (inner ? grid.holdsCell(gx, gy, gz)
              : grid.cell(gx, gy, gz, px, py).flatMap(c -> measure(c, box)).isPresent()) {
            n++;
          }
        }
      }
    }
    return n;
  }

  /** Every cell with a voxel in {@code box}, in id order. */
  public static List<CellTruth> cells(SyntheticSpec spec, BoundingBox box) {
    CellGrid grid = spec.grid();
    long sx = spec.spacing().x();
    long sy = spec.spacing().y();
    long sz = spec.spacing().z();
    long px = Places.placesAlong(spec.shape().x(), sx);
    long py = Places.placesAlong(spec.shape().y(), sy);
    List<CellTruth> out = new ArrayList<>();
    for (long gz = box.z0() / sz; gz <= (box.z1() - 1) / sz; gz++) {
      for (long gy = box.y0() / sy; gy <= (box.y1() - 1) / sy; gy++) {
        for (long gx = box.x0() / sx; gx <= (box.x1() - 1) / sx; gx++) {
          grid.cell(gx, gy, gz, px, py).flatMap(c -> measure(c, box)).ifPresent(out::add);
        }
      }
    }
    return out;
  }

  /** The cell's voxels inside the box, if any. */
  static Optional<CellTruth> measure(Cell c, BoundingBox box) {
    long n = 0;
    double sumX = 0;
    double sumY = 0;
    double sumZ = 0;
    long minX = Long.MAX_VALUE;
    long minY = Long.MAX_VALUE;
    long minZ = Long.MAX_VALUE;
    long maxX = Long.MIN_VALUE;
    long maxY = Long.MIN_VALUE;
    long maxZ = Long.MIN_VALUE;
    for (long z = Math.max(c.minZ(), box.z0()); z <= Math.min(c.maxZ(), box.z1() - 1); z++) {
      for (long y = Math.max(c.minY(), box.y0()); y <= Math.min(c.maxY(), box.y1() - 1); y++) {
        long r = c.run(y, z);
        long lo = Math.max(Cell.lo(r), box.x0());
        long hi = Math.min(Cell.hi(r), box.x1() - 1);
        if (hi < lo) {
          continue;
        }
        long k = hi - lo + 1;
        n += k;
        sumX += (lo + hi) * (double) k / 2;
        sumY += (double) y * k;
        sumZ += (double) z * k;
        minX = Math.min(minX, lo);
        maxX = Math.max(maxX, hi);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
        minZ = Math.min(minZ, z);
        maxZ = Math.max(maxZ, z);
      }
    }
    if (n == 0) {
      return Optional.empty();
    }
    return Optional.of(new CellTruth(c.id(), n, sumX / n, sumY / n, sumZ / n,
        new BoundingBox(minX, maxX + 1, minY, maxY + 1, minZ, maxZ + 1)));
  }
}
