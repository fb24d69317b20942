package org.ndio.format.hdf5;

import java.io.ByteArrayOutputStream;

/** A growing byte array written in HDF5's little-endian field order. */
final class LittleEndianOut {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  LittleEndianOut u8(int v) {
    out.write(v);
    return this;
  }

  LittleEndianOut u16(int v) {
    return u8(v).u8(v >>> 8);
  }

  LittleEndianOut u32(long v) {
    return u16((int) v).u16((int) (v >>> 16));
  }

  LittleEndianOut u64(long v) {
    return u32(v).u32(v >>> 32);
  }

  /** An unsigned value in {@code width} bytes (1, 2, 4 or 8). */
  LittleEndianOut unsigned(long v, int width) {
    for (int i = 0; i < width; i++) {
      out.write((int) (v >>> (8 * i)));
    }
    return this;
  }

  LittleEndianOut bytes(byte[] b) {
    out.write(b, 0, b.length);
    return this;
  }

  int size() {
    return out.size();
  }

  byte[] toArray() {
    return out.toByteArray();
  }
}
