package org.ndio.remote.boss;

import java.util.List;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.ChunkGrid;
import org.ndio.volume.Size3;

/**
 * Splits a cutout into requests no larger than a byte budget, along the BOSS cuboid grid (512 x
 * 512 x 16, anchored at 0 on every level), so that no request straddles a cuboid needlessly.
 * Pieces are whole cuboids, or multiples of them, when one cuboid fits the budget; else
 * power-of-two fractions of one cuboid, which tile it exactly.
 */
final class CutoutPieces {

  /** The BOSS storage cuboid, at every resolution level (spdb's {@code CUBOIDSIZE}). */
  static final Size3 CUBOID = new Size3(512, 512, 16);

  private CutoutPieces() {}

  /** The pieces of {@code box}, z slowest, each clipped to the box. */
  static List<BoundingBox> split(BoundingBox box, int bytesPerVoxel, long maxBytes) {
    long bytes = box.voxels() * bytesPerVoxel;
    if (bytes <= maxBytes) {
      return List.of(box);
    }
    Size3 piece = shape(box, bytesPerVoxel, maxBytes);
    return new ChunkGrid(piece).cuboids(box, piece);
  }

  /**
   * The piece shape for {@code box}: within {@code maxBytes} where possible (a single voxel
   * always is one piece), grown by doubling z, then y, then x while it fits and the box is
   * larger on that axis; or, when a cuboid is over budget, a cuboid halved along z, then y,
   * then x. Sizes are weighed as clipped to the box, since no piece is larger than the box.
   */
  static Size3 shape(BoundingBox box, int bytesPerVoxel, long maxBytes) {
    long[] s = {CUBOID.x(), CUBOID.y(), CUBOID.z()};
    long[] limit = {box.sizeX(), box.sizeY(), box.sizeZ()};
    if (bytes(s, limit, bytesPerVoxel) > maxBytes) {
      for (int axis : new int[] {2, 1, 0}) {
        while (s[axis] > 1 && bytes(s, limit, bytesPerVoxel) > maxBytes) {
          s[axis] /= 2;
        }
      }
      return new Size3(s[0], s[1], s[2]);
    }
    boolean grew = true;
    while (grew) {
      grew = false;
      for (int axis : new int[] {2, 1, 0}) {
        // Grow only while the box still spans more than one piece on this axis.
        if (s[axis] < limit[axis]) {
          s[axis] *= 2;
          if (bytes(s, limit, bytesPerVoxel) <= maxBytes) {
            grew = true;
          } else {
            s[axis] /= 2;
          }
        }
      }
    }
    return new Size3(s[0], s[1], s[2]);
  }

  /** The most bytes a piece of shape {@code s} holds once clipped to a box of {@code limit}. */
  private static long bytes(long[] s, long[] limit, int bytesPerVoxel) {
    return Math.min(s[0], limit[0]) * Math.min(s[1], limit[1]) * Math.min(s[2], limit[2])
        * bytesPerVoxel;
  }
}
