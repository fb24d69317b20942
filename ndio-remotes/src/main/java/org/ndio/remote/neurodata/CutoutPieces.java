package org.ndio.remote.neurodata;

import java.util.List;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.ChunkGrid;
import org.ndio.volume.Size3;

/**
 * Splits a request along ndstore's cube grid. The server stores a level in cubes of {@code
 * cube_dimension} counted from the level's offset (it subtracts the offset before anything
 * else), so pieces are whole cubes of that grid, clipped to the requested box: no cube is read
 * or rewritten by two requests.
 */
final class CutoutPieces {

  private CutoutPieces() {}

  /**
   * A whole number of cubes per axis holding at most {@code budget} bytes (at least one cube),
   * no larger than the box needs, grown x first, then y, then z.
   */
  static Size3 pieceShape(Size3 cube, BoundingBox box, int bytesPerVoxel, long budget) {
    long[] unit = {cube.x(), cube.y(), cube.z()};
    long[] size = unit.clone();
    long[] limit = {roundUp(box.sizeX(), unit[0]) + unit[0], roundUp(box.sizeY(), unit[1])
        + unit[1], roundUp(box.sizeZ(), unit[2]) + unit[2]};
    boolean grew = true;
    while (grew) {
      grew = false;
      for (int a = 0; a < 3; a++) {
        long next = size[a] + unit[a];
        // One more cube than the box spans covers any alignment of the box to the grid.
        if (next > limit[a]) {
          continue;
        }
        long bytes = (long) bytesPerVoxel * next * size[(a + 1) % 3] * size[(a + 2) % 3];
        if (bytes <= budget) {
          size[a] = next;
          grew = true;
          break; // x first: grow it fully before y, and y before z
        }
      }
    }
    return new Size3(size[0], size[1], size[2]);
  }

  private static long roundUp(long v, long unit) {
    return (v + unit - 1) / unit * unit;
  }

  /** The pieces of {@code box}, a grid of {@code piece} cells anchored at {@code origin}. */
  static List<BoundingBox> split(BoundingBox box, long[] origin, Size3 cube, Size3 piece) {
    BoundingBox shifted = box.translate(-origin[0], -origin[1], -origin[2]);
    return new ChunkGrid(cube).cuboids(shifted, piece).stream()
        .map(b -> b.translate(origin[0], origin[1], origin[2])).toList();
  }
}
