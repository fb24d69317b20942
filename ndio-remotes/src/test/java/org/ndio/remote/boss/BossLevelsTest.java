package org.ndio.remote.boss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.ndio.BoxOutOfBoundsException;
import org.ndio.volume.BoundingBox;
import org.ndio.volume.VoxelSize;

/**
 * Known answers of spdb's {@code get_downsampled_extent_dims}: stops halved with ceil per
 * level, z kept by anisotropic hierarchies; worked by hand from the documented rule.
 */
class BossLevelsTest {

  static final BossCoordFrame FRAME = BossCoordFrame.of("f",
      new BoundingBox(0, 1001, 0, 600, 0, 37), new VoxelSize(4, 4, 40, "nanometer"));

  @Test
  void anisotropicLevelsHalveXAndYRoundingUp() {
    BossLevels l = new BossLevels(FRAME, 0, 5, false);
    assertEquals(new BoundingBox(0, 1001, 0, 600, 0, 37, 0), l.extent(0));
    assertEquals(new BoundingBox(0, 501, 0, 300, 0, 37, 1), l.extent(1));
    assertEquals(new BoundingBox(0, 251, 0, 150, 0, 37, 2), l.extent(2));
    assertEquals(new BoundingBox(0, 126, 0, 75, 0, 37, 3), l.extent(3));
    assertEquals(new BoundingBox(0, 63, 0, 38, 0, 37, 4), l.extent(4));
    assertEquals(new VoxelSize(64, 64, 40, "nanometer"), l.voxelSize(4));
  }

  @Test
  void isotropicLevelsHalveZToo() {
    BossLevels l = new BossLevels(FRAME, 0, 4, true);
    assertEquals(new BoundingBox(0, 501, 0, 300, 0, 19, 1), l.extent(1));
    assertEquals(new BoundingBox(0, 126, 0, 75, 0, 5, 3), l.extent(3));
    assertEquals(new VoxelSize(32, 32, 320, "nanometer"), l.voxelSize(3));
  }

  @Test
  void levelsOutsideTheHierarchyAreRefused() {
    BossLevels l = new BossLevels(FRAME, 0, 3, false);
    l.requireLevel(2, "boss://h/c/e/ch");
    BoxOutOfBoundsException e = assertThrows(BoxOutOfBoundsException.class,
        () -> l.requireLevel(3, "boss://h/c/e/ch"));
    assertEquals("boss://h/c/e/ch: resolution level 3 is outside the channel's levels 0..2",
        e.getMessage());
  }
}
