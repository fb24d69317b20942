package org.ndio.volume;

import java.util.ArrayList;
import java.util.List;
import org.ndio.InvalidBoxException;

/**
 * The grid of a store's native chunks, anchored at coordinate 0 (as Zarr, the BOSS and DVID
 * anchor theirs), and the cuboids built from whole chunks on it. Work split along this grid
 * never fetches or writes a chunk twice.
 */
public record ChunkGrid(Size3 chunk) {

  /** The smallest whole number of chunks per axis that covers {@code wanted}. */
  public Size3 roundUp(Size3 wanted) {
    return new Size3(up(wanted.x(), chunk.x()), up(wanted.y(), chunk.y()),
        up(wanted.z(), chunk.z()));
  }

  private static long up(long v, long unit) {
    return Math.max(1, Math.floorDiv(v + unit - 1, unit)) * unit;
  }

  /**
   * The cells of the grid of {@code cuboid}-sized blocks (whole chunks, anchored at 0) that
   * meet {@code box}, each clipped to {@code box}, z slowest then y then x.
   */
  public List<BoundingBox> cuboids(BoundingBox box, Size3 cuboid) {
    requireWholeChunks(cuboid);
    List<BoundingBox> out = new ArrayList<>();
    for (long z = Math.floorDiv(box.z0(), cuboid.z()) * cuboid.z(); z < box.z1(); z += cuboid.z()) {
      for (long y = Math.floorDiv(box.y0(), cuboid.y()) * cuboid.y(); y < box.y1();
          y += cuboid.y()) {
        for (long x = Math.floorDiv(box.x0(), cuboid.x()) * cuboid.x(); x < box.x1();
            x += cuboid.x()) {
          out.add(new BoundingBox(Math.max(x, box.x0()), Math.min(x + cuboid.x(), box.x1()),
              Math.max(y, box.y0()), Math.min(y + cuboid.y(), box.y1()), Math.max(z, box.z0()),
              Math.min(z + cuboid.z(), box.z1()), box.resolution()));
        }
      }
    }
    return out;
  }

  /**
   * Like {@link #cuboids(BoundingBox, Size3)} but with the cuboid grid anchored at the box's
   * lowest corner instead of at 0: the cuboids line up with the chunks of a copy of the box
   * whose origin is that corner.
   */
  public List<BoundingBox> cuboidsFromCorner(BoundingBox box, Size3 cuboid) {
    return cuboids(box.translate(-box.x0(), -box.y0(), -box.z0()), cuboid).stream()
        .map(b -> b.translate(box.x0(), box.y0(), box.z0())).toList();
  }

  /** Number of cuboids {@link #cuboids} would return, without listing them. */
  public long count(BoundingBox box, Size3 cuboid) {
    return cells(box.x0(), box.x1(), cuboid.x()) * cells(box.y0(), box.y1(), cuboid.y())
        * cells(box.z0(), box.z1(), cuboid.z());
  }

  private static long cells(long start, long stop, long size) {
    return Math.floorDiv(stop - 1, size) - Math.floorDiv(start, size) + 1;
  }

  /**
   * Whether {@code b} covers whole chunks only, except where it is cut by {@code extent} (edge
   * chunks of a volume whose size is not a multiple of the chunk).
   */
  public boolean isAligned(BoundingBox b, BoundingBox extent) {
    return aligned(b.x0(), b.x1(), chunk.x(), extent.x1())
        && aligned(b.y0(), b.y1(), chunk.y(), extent.y1())
        && aligned(b.z0(), b.z1(), chunk.z(), extent.z1());
  }

  private static boolean aligned(long start, long stop, long size, long end) {
    return Math.floorMod(start, size) == 0 && (Math.floorMod(stop, size) == 0 || stop == end);
  }

  private void requireWholeChunks(Size3 cuboid) {
    if (cuboid.x() % chunk.x() != 0 || cuboid.y() % chunk.y() != 0
        || cuboid.z() % chunk.z() != 0) {
      throw new InvalidBoxException(
          "cuboid " + cuboid + " is not a whole number of chunks " + chunk);
    }
  }
}
