package org.ndio.remote.boss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.Size3;

class CutoutPiecesTest {

  /**
   * Pieces tile the box exactly (their voxels add up and none overlap), each within the budget
   * where one voxel fits it, each one cell of a grid whose cells are whole numbers of 512 x 512
   * x 16 cuboids or fractions that tile one.
   */
  @Property(tries = 200)
  void piecesTileTheBoxAlongTheCuboidGrid(@ForAll @IntRange(min = 0, max = 3000) int x0,
      @ForAll @IntRange(min = 1, max = 2500) int sx, @ForAll @IntRange(min = 0, max = 3000) int y0,
      @ForAll @IntRange(min = 1, max = 1500) int sy, @ForAll @IntRange(min = 0, max = 100) int z0,
      @ForAll @IntRange(min = 1, max = 80) int sz, @ForAll("sizes") int bytes,
      @ForAll @LongRange(min = 1, max = 80_000_000) long budget) {
    BoundingBox box = new BoundingBox(x0, x0 + sx, y0, y0 + sy, z0, z0 + sz, 0);
    // Keep the number of pieces checkable.
    budget = Math.max(budget, box.voxels() * bytes / 300);
    List<BoundingBox> pieces = CutoutPieces.split(box, bytes, budget);
    assertTrue(pieces.size() <= 40_000, pieces.size() + " pieces");
    Size3 cell = CutoutPieces.shape(box, bytes, budget);
    long voxels = 0;
    for (int i = 0; i < pieces.size(); i++) {
      BoundingBox p = pieces.get(i);
      assertTrue(box.contains(p), p + " outside " + box);
      assertTrue(p.voxels() * bytes <= budget || p.voxels() == 1 || pieces.size() == 1,
          p + " over budget " + budget);
      voxels += p.voxels();
      if (pieces.size() > 1) {
        // Each piece is one cell of a grid whose cells tile, or are made of, whole cuboids.
        long[][] spans = {{p.x0(), p.x1(), cell.x(), 512}, {p.y0(), p.y1(), cell.y(), 512},
            {p.z0(), p.z1(), cell.z(), 16}};
        for (long[] a : spans) {
          assertTrue(a[3] % a[2] == 0 || a[2] % a[3] == 0, cell + " does not tile cuboids");
          assertEquals(Math.floorDiv(a[0], a[2]), Math.floorDiv(a[1] - 1, a[2]), p.toString());
        }
      }
    }
    assertEquals(box.voxels(), voxels);
    // With the voxel count right, a voxel in no piece means another is in two: sample some.
    java.util.Random r = new java.util.Random(box.hashCode());
    for (int k = 0; k < 100; k++) {
      long x = box.x0() + r.nextInt(sx);
      long y = box.y0() + r.nextInt(sy);
      long z = box.z0() + r.nextInt(sz);
      assertEquals(1, pieces.stream().filter(p -> p.contains(x, y, z)).count());
    }
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<Integer> sizes() {
    return net.jqwik.api.Arbitraries.of(1, 2, 8);
  }
}
