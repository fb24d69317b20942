package org.ndio.ramon.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.ndio.StorageException;
import org.ndio.VolumeNotFoundException;
import org.ndio.storage.LocalStorage;

/** Whole small files: read, or written to a temporary file beside the target then renamed. */
final class AtomicFile {

  private static final long MAX_BYTES = Integer.MAX_VALUE - 8;

  private AtomicFile() {}

  static void write(Path file, byte[] bytes) {
    Path abs = file.toAbsolutePath();
    Path dir = abs.getParent();
    Path temp = null;
    try {
      temp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
      Files.write(temp, bytes);
      LocalStorage.moveAtomically(temp, abs);
      temp = null;
    } catch (IOException e) {
      throw new StorageException("cannot write " + file + ": " + e, e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // a stray temporary file is harmless and named as one
        }
      }
    }
  }

  static byte[] read(Path file) {
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new StorageException(file + " is too large to read into memory");
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new VolumeNotFoundException(file + ": no such file", e);
    } catch (IOException e) {
      throw new StorageException("cannot read " + file + ": " + e, e);
    }
  }
}
