package org.ndio.format.hdf5;

import org.ndio.volume.DataType;

/**
 * Datatype message bodies (HDF5 File Format Specification, "Datatype Message", version 1):
 * little-endian fixed-point and IEEE floating-point numbers, and null-terminated UTF-8 strings
 * of a fixed length, as h5py reads them back as the same numpy dtypes.
 */
final class Hdf5Datatype {

  private static final int VERSION = 1 << 4;
  private static final int FIXED_POINT = 0;
  private static final int FLOATING_POINT = 1;
  private static final int STRING = 3;
  private static final int SIGNED = 0x08;
  // Floats: mantissa normalisation 2 ("most significant bit of the mantissa is not stored").
  private static final int IMPLIED_MSB = 0x20;
  private static final int UTF8_NULL_TERMINATED = 0x10;

  private Hdf5Datatype() {}

  /** The type of a volume's voxels. */
  static byte[] of(DataType t) {
    return switch (t) {
      case FLOAT32 -> float32();
      case FLOAT64 -> float64();
      default -> integer(t.bytes(), t.isSigned());
    };
  }

  static byte[] integer(int bytes, boolean signed) {
    return header(FIXED_POINT, signed ? SIGNED : 0, 0, bytes)
        .u16(0) // bit offset
        .u16(bytes * 8) // bit precision
        .toArray();
  }

  static byte[] float32() {
    return ieee(4, 23, 8, 127);
  }

  static byte[] float64() {
    return ieee(8, 52, 11, 1023);
  }

  private static byte[] ieee(int bytes, int mantissaBits, int exponentBits, int bias) {
    int signBit = bytes * 8 - 1;
    return header(FLOATING_POINT, IMPLIED_MSB, signBit, bytes)
        .u16(0) // bit offset
        .u16(bytes * 8) // bit precision
        .u8(mantissaBits) // exponent location
        .u8(exponentBits)
        .u8(0) // mantissa location
        .u8(mantissaBits)
        .u32(bias)
        .toArray();
  }

  /** Strings of {@code bytes} bytes each, null-terminated (and null-padded), UTF-8. */
  static byte[] string(int bytes) {
    return header(STRING, UTF8_NULL_TERMINATED, 0, bytes).toArray();
  }

  private static LittleEndianOut header(int typeClass, int bits0, int bits8, int size) {
    return new LittleEndianOut().u8(VERSION | typeClass).u8(bits0).u8(bits8).u8(0).u32(size);
  }
}
