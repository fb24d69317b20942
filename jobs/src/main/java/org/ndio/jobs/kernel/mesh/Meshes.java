package org.ndio.jobs.kernel.mesh;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.ndio.CorruptDataException;
import org.ndio.StorageException;
import org.ndio.VolumeNotFoundException;
import org.ndio.storage.LocalStorage;

/**
 * Writes meshes as OBJ, text PLY or binary PLY, and reads them back. Coordinates are written as
 * 32-bit floats in every format (text shows the float's shortest decimal form), so all three
 * hold the same numbers. Files are written under a temporary name beside the target and then
 * renamed into place: a reader sees the old file or the whole new one, never part of one.
 */
public final class Meshes {

  private Meshes() {}

  public static void writeObj(Mesh m, Path target) {
    write(m, target, MeshFormat.OBJ);
  }

  /** PLY, {@code format ascii 1.0}. */
  public static void writePly(Mesh m, Path target) {
    write(m, target, MeshFormat.PLY);
  }

  /** PLY, {@code format binary_little_endian 1.0}. */
  public static void writePlyBinary(Mesh m, Path target) {
    write(m, target, MeshFormat.PLY_BINARY);
  }

  /** Writes {@code m} to {@code target} in {@code format}, replacing any file there. */
  public static void write(Mesh m, Path target, MeshFormat format) {
    Path abs = target.toAbsolutePath().normalize();
    write(m, abs, format,
        abs.resolveSibling("." + abs.getFileName() + ".ndio-tmp-" + UUID.randomUUID()));
  }

  /**
   * {@link #write(Mesh, Path, MeshFormat)} with the temporary file in {@code staging}, a
   * directory on the target's file system that no other writer uses. Creating a file holds its
   * directory's lock while the file system finds an inode, so writers that share the target's
   * directory for their temporary files wait for one another.
   */
  public static void writeStaged(Mesh m, Path target, MeshFormat format, Path staging) {
    Path abs = target.toAbsolutePath().normalize();
    write(m, abs, format, staging.resolve(abs.getFileName()));
  }

  private static void write(Mesh m, Path abs, MeshFormat format, Path temp) {
    boolean done = false;
    try {
      Files.createDirectories(abs.getParent());
      // A buffer no larger than about the file: a job writes one file per cell, most small.
      long size = 256 + 40L * m.vertexCount() + 20L * m.triangleCount();
      int buffer = (int) Math.min(1 << 16, size);
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), buffer)) {
        switch (format) {
          case OBJ -> ObjFile.write(m, out);
          case PLY -> PlyFile.writeAscii(m, out);
          case PLY_BINARY -> PlyFile.writeBinary(m, out);
        }
      }
      LocalStorage.moveAtomically(temp, abs);
      done = true;
    } catch (IOException e) {
      throw new StorageException("cannot write mesh " + abs + ": " + e.getMessage(), e);
    } finally {
      if (!done) {
        LocalStorage.deleteTree(temp);
      }
    }
  }

  /** Reads an OBJ or PLY file (PLY as text or binary of either byte order). */
  public static Mesh read(Path file) {
    byte[] bytes;
    try {
      if (!Files.isRegularFile(file)) {
        throw new VolumeNotFoundException("no mesh file " + file);
      }
      long size = Files.size(file);
      if (size > Integer.MAX_VALUE - 8) {
        throw new CorruptDataException(file + ": " + size + " bytes, more than a mesh read in"
            + " memory may have");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new StorageException("cannot read mesh " + file + ": " + e.getMessage(), e);
    }
    if (bytes.length >= 4 && bytes[0] == 'p' && bytes[1] == 'l' && bytes[2] == 'y'
        && (bytes[3] == '\n' || bytes[3] == '\r')) {
      return PlyFile.read(bytes, file.toString());
    }
    return ObjFile.read(bytes, file.toString());
  }
}
