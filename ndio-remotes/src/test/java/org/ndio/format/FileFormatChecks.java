package org.ndio.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.ndio.VolumeExistsException;
import org.ndio.store.VolumeFormat;
import org.ndio.store.VolumeReader;
import org.ndio.store.VolumeSpec;
import org.ndio.store.VolumeUrl;
import org.ndio.store.VolumeWriter;
import org.ndio.store.WriteMode;
import org.ndio.testing.TestVolumes;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/** Checks shared by the single-file format tests: test volumes, typed errors, atomic writes. */
public final class FileFormatChecks {

  private FileFormatChecks() {}

  /** Writes the first {@code n} bytes of {@code src} to a new file in {@code dir}. */
  public static Path truncated(Path src, long n, Path dir, String name) {
    try {
      byte[] all = Files.readAllBytes(src);
      Path out = dir.resolve(name);
      Files.write(out, java.util.Arrays.copyOf(all, (int) n));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs {@code call}, which must throw exactly {@code type} (or a subclass) with a message
   * naming {@code file} (its file name at least) and every one of {@code fragments}.
   */
  public static <T extends Throwable> T assertError(Class<T> type, Path file, Executable call,
      String... fragments) {
    T e = assertThrows(type, call);
    String m = String.valueOf(e.getMessage());
    assertTrue(m.contains(file.getFileName().toString()),
        "message does not name " + file.getFileName() + ": " + m);
    for (String f : fragments) {
      assertTrue(m.contains(f), "message lacks '" + f + "': " + m);
    }
    return e;
  }

  /** Opens {@code url} and reads everything, closing the reader. */
  public static Volume readAll(VolumeFormat format, String url) {
    try (VolumeReader r = format.open(VolumeUrl.parse(url))) {
      return r.readAll();
    }
  }

  /** Writes {@code v} through {@code format} and commits. */
  public static void write(VolumeFormat format, String url, Volume v, VolumeSpec spec,
      WriteMode mode) {
    try (VolumeWriter w = format.create(VolumeUrl.parse(url), spec, mode)) {
      w.write(0, 0, 0, v);
      w.commit();
    }
  }

  public static VolumeSpec specOf(Volume v) {
    return VolumeSpec.of(v.dtype(), new Size3(v.sizeX(), v.sizeY(), v.sizeZ()));
  }

  /**
   * The atomic-write contract of {@link WholeFileWriter}, through {@code format}: nothing at the
   * target before commit or after close without commit, ERROR_IF_EXISTS refuses an existing
   * file, OVERWRITE replaces it only at commit, a failed commit leaves nothing, and no
   * temporary file is left behind in any case.
   */
  public static void checkAtomicWrites(VolumeFormat format, Path dir, String fileName,
      String fragment) {
    Path target = dir.resolve(fileName);
    String url = format.scheme() + ":" + target + fragment;
    Volume a = TestVolumes.random(DataType.UINT16, 6, 5, 3, 1);
    Volume b = TestVolumes.random(DataType.UINT16, 6, 5, 3, 2);

    try (VolumeWriter w = format.create(VolumeUrl.parse(url), specOf(a),
        WriteMode.ERROR_IF_EXISTS)) {
      w.write(0, 0, 0, a);
      assertFalse(Files.exists(target), "target visible before commit");
    }
    assertFalse(Files.exists(target), "target exists after close without commit");
    assertEquals(List.of(), list(dir), "leftover files after close without commit");

    write(format, url, a, specOf(a), WriteMode.ERROR_IF_EXISTS);
    assertEquals(a, readAll(format, url));
    byte[] before = bytes(target);
    assertError(VolumeExistsException.class, target,
        () -> format.create(VolumeUrl.parse(url), specOf(b), WriteMode.ERROR_IF_EXISTS));
    assertArrayEquals(before, bytes(target));

    try (VolumeWriter w = format.create(VolumeUrl.parse(url), specOf(b), WriteMode.OVERWRITE)) {
      w.write(0, 0, 0, b);
      assertArrayEquals(before, bytes(target), "target changed before commit");
    }
    assertArrayEquals(before, bytes(target), "target changed by an uncommitted overwrite");
    write(format, url, b, specOf(b), WriteMode.OVERWRITE);
    assertEquals(b, readAll(format, url));
    assertEquals(List.of(fileName), list(dir), "leftover files after overwrite");

    // A write that cannot reach the disk (the parent is a regular file) fails and leaves
    // nothing: at commit for writers that gather the volume, at the write for streaming ones.
    Path blocked = target.resolve("inner-" + fileName);
    String blockedUrl = format.scheme() + ":" + blocked + fragment;
    try (VolumeWriter w = format.create(VolumeUrl.parse(blockedUrl), specOf(a),
        WriteMode.ERROR_IF_EXISTS)) {
      assertThrows(RuntimeException.class, () -> {
        w.write(0, 0, 0, a);
        w.commit();
      });
    }
    assertEquals(List.of(fileName), list(dir), "leftover files after a failed commit");
    assertEquals(b, readAll(format, url));
  }

  private static List<String> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] bytes(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
