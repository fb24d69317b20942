package org.ndio.jobs.resume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Directory trees compared file by file, byte for byte. */
final class Trees {

  private Trees() {}

  /** Every file under {@code dir}, as paths relative to it, sorted. */
  static List<String> files(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The same file names under both, each with the same bytes. */
  static void assertIdentical(Path expected, Path actual) throws IOException {
    List<String> names = files(expected);
    assertEquals(names, files(actual), "files of " + actual);
    for (String n : names) {
      if (n.endsWith(".zattrs") || n.endsWith(".zarray") || n.endsWith(".zgroup")) {
        assertEquals(Files.readString(expected.resolve(n)), Files.readString(actual.resolve(n)),
            n + " differs");
        continue;
      }
      assertArrayEquals(Files.readAllBytes(expected.resolve(n)),
          Files.readAllBytes(actual.resolve(n)), n + " differs");
    }
  }

  /** Paths under {@code dir} that a finished job must not leave: temporaries and journals. */
  static List<String> leftovers(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.map(p -> dir.relativize(p).toString())
          .filter(n -> n.contains(".tmp-") || n.contains(".ndio-tmp-")
              || n.contains(".ndio-staging-")
              || n.contains(".ndio-old-") || n.contains("ndio-journal"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
