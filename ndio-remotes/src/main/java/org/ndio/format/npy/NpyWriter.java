package org.ndio.format.npy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.ndio.format.WholeFileWriter;
import org.ndio.store.VolumeSpec;
import org.ndio.store.WriteMode;
import org.ndio.volume.Volume;

/** Writes one {@code .npy} file: a version 1.0 header, then the little-endian C-order data. */
final class NpyWriter extends WholeFileWriter {

  NpyWriter(Path target, VolumeSpec spec, WriteMode mode) {
    super(target, spec, mode);
  }

  /** The header of {@code v} as a 3D {@code (z, y, x)} array. */
  static byte[] header(Volume v) {
    return NpyHeader.encode(v.dtype(),
        List.of((long) v.sizeZ(), (long) v.sizeY(), (long) v.sizeX()));
  }

  @Override
  protected void writeTo(Path temp, Volume volume, VolumeSpec spec) throws IOException {
    try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE)) {
      out.write(header(volume));
      // A whole volume's array() is its little-endian C-order bytes: npy's data as they are.
      out.write(volume.array());
    }
  }
}
