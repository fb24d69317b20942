package org.ndio.format.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.ndio.StorageException;

/**
 * The section files of a directory stack: regular files with one of the given extensions, in
 * {@link NaturalOrder} of their names, so z is the index in that order. Hidden files (names
 * starting with a dot, such as macOS {@code ._00.tif} forks or our own temporaries) are skipped.
 */
public final class SectionFiles {

  private SectionFiles() {}

  /** The section files in {@code dir}; {@code extensions} are lower case, without the dot. */
  public static List<Path> list(Path dir, Set<String> extensions) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> isSection(p, extensions))
          .sorted((a, b) -> NaturalOrder.INSTANCE.compare(name(a), name(b)))
          .toList();
    } catch (IOException e) {
      throw new StorageException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  private static boolean isSection(Path p, Set<String> extensions) {
    String n = name(p);
    int dot = n.lastIndexOf('.');
    return !n.startsWith(".") && dot > 0 && Files.isRegularFile(p)
        && extensions.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  private static String name(Path p) {
    return p.getFileName().toString();
  }

  /**
   * The file name of section {@code z} of {@code count}: zero-padded to at least five digits and
   * to the width of the largest index, so name order is z order for any reader.
   */
  public static String name(int z, int count, String extension) {
    int width = Math.max(5, Integer.toString(Math.max(0, count - 1)).length());
    return String.format(Locale.ROOT, "%0" + width + "d.%s", z, extension);
  }
}
