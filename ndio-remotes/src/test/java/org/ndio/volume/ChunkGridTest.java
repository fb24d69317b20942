package org.ndio.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.ndio.InvalidBoxException;

class ChunkGridTest {

  @Test
  void roundsUpToWholeChunks() {
    ChunkGrid g = new ChunkGrid(new Size3(64, 64, 16));
    assertEquals(new Size3(128, 64, 16), g.roundUp(new Size3(100, 1, 16)));
    assertThrows(InvalidBoxException.class,
        () -> g.cuboids(BoundingBox.ofShape(10, 10, 10), new Size3(100, 64, 16)));
  }

  @Test
  void cuboidsAreAnchoredAtZeroAndClippedToTheBox() {
    ChunkGrid g = new ChunkGrid(new Size3(10, 10, 10));
    List<BoundingBox> c = g.cuboids(new BoundingBox(5, 25, 0, 10, 18, 21), new Size3(10, 10, 10));
    assertEquals(List.of(
        new BoundingBox(5, 10, 0, 10, 18, 20), new BoundingBox(10, 20, 0, 10, 18, 20),
        new BoundingBox(20, 25, 0, 10, 18, 20), new BoundingBox(5, 10, 0, 10, 20, 21),
        new BoundingBox(10, 20, 0, 10, 20, 21), new BoundingBox(20, 25, 0, 10, 20, 21)), c);
  }

  /** The cuboids tile the box exactly: disjoint, inside it, and as many voxels as it has. */
  @Property(tries = 300)
  void cuboidsTileTheBox(@ForAll @IntRange(min = -50, max = 50) int x0,
      @ForAll @IntRange(min = 1, max = 60) int sx, @ForAll @IntRange(min = 0, max = 9) int y0,
      @ForAll @IntRange(min = 1, max = 30) int sy, @ForAll @IntRange(min = 1, max = 7) int cx,
      @ForAll @IntRange(min = 1, max = 3) int mult) {
    BoundingBox box = new BoundingBox(x0, x0 + sx, y0, y0 + sy, 0, 3);
    ChunkGrid g = new ChunkGrid(new Size3(cx, 4, 2));
    Size3 cuboid = new Size3(cx * mult, 4, 2);
    List<BoundingBox> cs = g.cuboids(box, cuboid);
    assertEquals(g.count(box, cuboid), cs.size());
    long voxels = 0;
    for (int i = 0; i < cs.size(); i++) {
      assertTrue(box.contains(cs.get(i)));
      for (int j = 0; j < i; j++) {
        assertFalse(cs.get(i).intersect(cs.get(j)).isPresent());
      }
      voxels += cs.get(i).voxels();
    }
    assertEquals(box.voxels(), voxels);
  }

  @Test
  void alignmentAllowsCutsAtTheVolumeEnd() {
    ChunkGrid g = new ChunkGrid(new Size3(8, 8, 8));
    BoundingBox extent = BoundingBox.ofShape(20, 20, 20);
    assertTrue(g.isAligned(new BoundingBox(16, 20, 0, 8, 8, 16), extent));
    assertFalse(g.isAligned(new BoundingBox(16, 19, 0, 8, 8, 16), extent));
    assertFalse(g.isAligned(new BoundingBox(4, 8, 0, 8, 8, 16), extent));
  }
}
