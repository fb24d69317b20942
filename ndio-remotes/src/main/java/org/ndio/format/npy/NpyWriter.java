package org.ndio.format.npy;

import java.nio.file.Path;
import java.util.List;
import org.ndio.format.OffsetArrayWriter;
import org.ndio.store.VolumeSpec;
import org.ndio.store.WriteMode;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/**
 * Writes one {@code .npy} file: a version 1.0 header (2.0 if needed), then the little-endian
 * C-order data. The header depends only on the type and shape, so blocks stream to their places
 * ({@link OffsetArrayWriter}) and memory stays bounded by one block.
 */
final class NpyWriter extends OffsetArrayWriter {

  private final byte[] header;

  NpyWriter(String where, Path target, VolumeSpec spec, WriteMode mode) {
    super(where, target, spec, mode);
    Size3 s = spec.shape();
    this.header = header(spec.dtype(), s);
  }

  /** The header of {@code v} as a 3D {@code (z, y, x)} array. */
  static byte[] header(Volume v) {
    return header(v.dtype(), new Size3(v.sizeX(), v.sizeY(), v.sizeZ()));
  }

  private static byte[] header(DataType dtype, Size3 s) {
    return NpyHeader.encode(dtype, List.of(s.z(), s.y(), s.x()));
  }

  @Override
  protected long dataOffset() {
    return header.length;
  }

  @Override
  protected byte[] header() {
    return header.clone();
  }
}
