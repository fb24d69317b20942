package org.ndio.synthetic;

import java.io.Serializable;
import java.util.Optional;
import java.util.SplittableRandom;
import org.ndio.volume.Size3;

/**
 * Cell places on a grid of {@code spacing}: place {@code (gx, gy, gz)} holds a cell with
 * probability {@code fill}, drawn from the seed and the place alone, so any part of the volume
 * is generated without the rest. A cell keeps its voxels two voxels inside its place on every
 * side (one for its membrane, one of background), so cells never touch.
 */
public record CellGrid(long seed, Size3 spacing, double fill) implements Serializable {

  /** The cell at a place, if the place holds one. Its id is 1 + the place's index in x-y-z order. */
  public Optional<Cell> cell(long gx, long gy, long gz, long placesX, long placesY) {
    if (!holdsCell(gx, gy, gz)) {
      return Optional.empty();
    }
    SplittableRandom r = new SplittableRandom(mix(seed, gx, gy, gz));
    double p = 1.6 + 1.9 * r.nextDouble();
    double rx = radius(r, spacing.x());
    double ry = radius(r, spacing.y());
    double rz = radius(r, spacing.z());
    double cx = centre(r, gx, spacing.x(), rx);
    double cy = centre(r, gy, spacing.y(), ry);
    double cz = centre(r, gz, spacing.z(), rz);
    long id = 1 + gx + placesX * (gy + placesY * gz);
    return Optional.of(new Cell(id, cx, cy, cz, rx, ry, rz, p, r.nextDouble()));
  }

  /** Whether a place holds a cell (cheap: counting a huge volume draws this alone). */
  public boolean holdsCell(long gx, long gy, long gz) {
    long h = fmix(mix(seed, gx, gy, gz) ^ 0x2545F4914F6CDD1DL);
    return (h >>> 11) * 0x1.0p-53 < fill;
  }

  // The cell and its membrane stay within [g0 + 1, g1 - 2] after the membrane's growth of
  // one voxel: the reach from the centre, radius + 1, fits (g - 3) / 2 either side.
  private static double radius(SplittableRandom r, long g) {
    double max = (g - 3) / 2.0 - Cell.MEMBRANE;
    return max * (0.45 + 0.55 * r.nextDouble());
  }

  private static double centre(SplittableRandom r, long index, long g, double radius) {
    double lo = index * g + 1 + radius + Cell.MEMBRANE;
    double hi = (index + 1) * g - 2 - radius - Cell.MEMBRANE;
    return lo + (hi - lo) * r.nextDouble();
  }

  /** A well-mixed seed per place (the splitmix64 finaliser over the coordinates). */
  static long mix(long seed, long a, long b, long c) {
    long h = seed;
    h = fmix(h ^ (a * 0x9E3779B97F4A7C15L));
    h = fmix(h ^ (b * 0xC2B2AE3D27D4EB4FL));
    h = fmix(h ^ (c * 0x165667B19E3779F9L));
    return h;
  }

  static long fmix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
