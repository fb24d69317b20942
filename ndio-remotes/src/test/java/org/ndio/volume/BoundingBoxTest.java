package org.ndio.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ndio.BoxOutOfBoundsException;
import org.ndio.InvalidBoxException;

class BoundingBoxTest {

  @Test
  void parsesAndPrintsTheSameForm() {
    BoundingBox b = BoundingBox.parse("10:20, 0:5,3:4");
    assertEquals(new BoundingBox(10, 20, 0, 5, 3, 4), b);
    assertEquals("10:20,0:5,3:4", b.toString());
    assertEquals(b, BoundingBox.parse(b.toString()));
    assertEquals(10 * 5 * 1, b.voxels());
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "5:5,0:1,0:1; empty x range 5:5",
      "0:1,7:3,0:1; inverted y range 7:3",
      "0:1,0:1; three ranges",
      "0:1,0:1,a:b; z range 'a:b'",
      "0:1,0:1,0:99999999999999999999; 64-bit"})
  void rejectsBadBoxesNamingTheCause(String text, String expected) {
    InvalidBoxException e = assertThrows(InvalidBoxException.class, () -> BoundingBox.parse(text));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void intersectsContainsAndTranslates() {
    BoundingBox a = new BoundingBox(0, 10, 0, 10, 0, 10);
    BoundingBox b = new BoundingBox(5, 15, -5, 5, 9, 12);
    assertEquals(new BoundingBox(5, 10, 0, 5, 9, 10), a.intersect(b).orElseThrow());
    assertFalse(a.intersect(b.translate(100, 0, 0)).isPresent());
    assertTrue(a.contains(new BoundingBox(1, 2, 3, 4, 5, 6)));
    assertFalse(a.contains(b));
    BoxOutOfBoundsException e = assertThrows(BoxOutOfBoundsException.class,
        () -> a.requireContains(b, "zarr:/x"));
    assertTrue(e.getMessage().contains("5:15,-5:5,9:12") && e.getMessage().contains("zarr:/x"));
  }

  @Test
  void hasShapeComparesEverySizeWherever() {
    BoundingBox b = new BoundingBox(64, 128, -8, 56, 3, 19);
    assertTrue(b.hasShape(new Size3(64, 64, 16)));
    assertFalse(b.hasShape(new Size3(64, 64, 15)));
    assertFalse(b.hasShape(new Size3(64, 63, 16)));
    assertFalse(b.hasShape(new Size3(16, 64, 64)));
  }

  @Test
  void boxesAtDifferentResolutionsDoNotMix() {
    BoundingBox a = BoundingBox.ofShape(4, 4, 4);
    assertThrows(InvalidBoxException.class, () -> a.intersect(a.atResolution(1)));
    assertThrows(InvalidBoxException.class, () -> a.atResolution(-1));
  }
}
