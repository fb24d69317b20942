package org.ndio.format.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SectionFilesTest {

  @TempDir
  Path dir;

  @Test
  void numbersCompareByValueAndTheRestByCharacter() {
    List<String> names = new ArrayList<>(List.of("img10.tif", "img2.tif", "img1.tif",
        "img02.tif", "a.tif", "img1b.tif", "img1a.tif", "img.tif", "z9.tif", "z10.tif"));
    Collections.shuffle(names, new java.util.Random(3));
    names.sort(NaturalOrder.INSTANCE);
    assertEquals(List.of("a.tif", "img.tif", "img1.tif", "img1a.tif", "img1b.tif", "img02.tif",
        "img2.tif", "img10.tif", "z9.tif", "z10.tif"), names);
  }

  @Property(tries = 200)
  void zeroPaddedNamesSortAsPlainText(@ForAll @IntRange(min = 1, max = 3000) int count,
      @ForAll @IntRange(min = 0, max = 2999) int a, @ForAll @IntRange(min = 0, max = 2999) int b) {
    String x = SectionFiles.name(a % count, count, "tif");
    String y = SectionFiles.name(b % count, count, "tif");
    assertEquals(Integer.signum(Integer.compare(a % count, b % count)),
        Integer.signum(x.compareTo(y)));
    assertEquals(Integer.signum(x.compareTo(y)),
        Integer.signum(NaturalOrder.INSTANCE.compare(x, y)));
  }

  @Test
  void namesArePaddedToFiveDigitsOrMore() {
    assertEquals("00000.tif", SectionFiles.name(0, 1, "tif"));
    assertEquals("00042.png", SectionFiles.name(42, 100, "png"));
    assertEquals("123456.tif", SectionFiles.name(123456, 200000, "tif"));
    assertEquals("000007.tif", SectionFiles.name(7, 200000, "tif"));
  }

  @Test
  void listingKeepsSectionFilesInNaturalOrder() throws Exception {
    for (String n : new String[] {"s10.TIF", "s9.tiff", "s1.tif", ".s0.tif", "notes.txt",
        "s5.png"}) {
      Files.writeString(dir.resolve(n), n);
    }
    Files.createDirectory(dir.resolve("s7.tif"));
    List<String> got = SectionFiles.list(dir, Set.of("tif", "tiff")).stream()
        .map(p -> p.getFileName().toString()).toList();
    assertEquals(List.of("s1.tif", "s9.tiff", "s10.TIF"), got);
    assertTrue(SectionFiles.list(dir, Set.of("jpg")).isEmpty());
  }
}
