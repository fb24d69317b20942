package org.ndio.volume;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.ndio.BoxOutOfBoundsException;
import org.ndio.DataTypeException;
import org.ndio.InvalidBoxException;

/**
 * A typed 3D array of voxels held in memory. Elements are stored little-endian in C order with
 * z slowest and x fastest, the layout numpy gives {@code array[z, y, x]}, so the bytes of a
 * contiguous volume can go to a codec, a file or a Spark binary column unchanged.
 *
 * <p>A volume may be a view of a larger one (see {@link #view}): views share the parent's bytes,
 * so writes through a view are seen by the parent. Equality and {@link #checksum()} depend only
 * on the data type, the shape and the values, never on whether the volume is a view.
 */
public final class Volume implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Largest byte array the JVM reliably allocates. */
  public static final long MAX_BYTES = Integer.MAX_VALUE - 8;

  private final DataType dtype;
  private final int sx;
  private final int sy;
  private final int sz;
  private final byte[] data;
  // Element index of voxel (0, 0, 0) in data, and element distances between rows and sections.
  private final int offset;
  private final int strideY;
  private final int strideZ;

  private Volume(DataType dtype, int sx, int sy, int sz, byte[] data, int offset, int strideY,
      int strideZ) {
    this.dtype = dtype;
    this.sx = sx;
    this.sy = sy;
    this.sz = sz;
    this.data = data;
    this.offset = offset;
    this.strideY = strideY;
    this.strideZ = strideZ;
  }

  /** A zero-filled volume. */
  public static Volume allocate(DataType dtype, long sx, long sy, long sz) {
    long bytes = byteSize(dtype, sx, sy, sz);
    return new Volume(dtype, (int) sx, (int) sy, (int) sz, new byte[(int) bytes], 0, (int) sx,
        (int) (sx * sy));
  }

  /** A zero-filled volume the size of {@code box}. */
  public static Volume allocate(DataType dtype, BoundingBox box) {
    return allocate(dtype, box.sizeX(), box.sizeY(), box.sizeZ());
  }

  /**
   * Wraps little-endian C-order bytes without copying; the array must hold exactly {@code sx *
   * sy * sz} elements.
   */
  public static Volume wrap(DataType dtype, int sx, int sy, int sz, byte[] littleEndian) {
    long bytes = byteSize(dtype, sx, sy, sz);
    if (littleEndian.length != bytes) {
      throw new InvalidBoxException(
          "a " + dtype.numpyName() + " volume of " + sx + "x" + sy + "x" + sz + " needs " + bytes
              + " bytes, got " + littleEndian.length);
    }
    return new Volume(dtype, sx, sy, sz, littleEndian, 0, sx, sx * sy);
  }

  /**
   * Copies {@code sx * sy * sz} elements stored in C order (z slowest) in the given byte order,
   * starting at {@code from}.
   */
  public static Volume fromBytes(DataType dtype, int sx, int sy, int sz, byte[] src, int from,
      ByteOrder order) {
    long bytes = byteSize(dtype, sx, sy, sz);
    checkSource(src, from, bytes);
    byte[] out = Arrays.copyOfRange(src, from, from + (int) bytes);
    if (order == ByteOrder.BIG_ENDIAN) {
      swapInPlace(out, dtype.bytes());
    }
    return wrap(dtype, sx, sy, sz, out);
  }

  /**
   * Copies elements stored in Fortran order of the numpy array {@code a[z, y, x]}, that is with
   * z fastest and x slowest, as numpy writes {@code order='F'} arrays and zarr {@code "order":
   * "F"} chunks.
   */
  public static Volume fromFortranBytes(DataType dtype, int sx, int sy, int sz, byte[] src,
      int from, ByteOrder order) {
    long bytes = byteSize(dtype, sx, sy, sz);
    checkSource(src, from, bytes);
    int b = dtype.bytes();
    byte[] out = new byte[(int) bytes];
    int in = from;
    for (int x = 0; x < sx; x++) {
      for (int y = 0; y < sy; y++) {
        for (int z = 0; z < sz; z++) {
          System.arraycopy(src, in, out, ((z * sy + y) * sx + x) * b, b);
          in += b;
        }
      }
    }
    if (order == ByteOrder.BIG_ENDIAN) {
      swapInPlace(out, b);
    }
    return wrap(dtype, sx, sy, sz, out);
  }

  private static void checkSource(byte[] src, int from, long bytes) {
    if (from < 0 || from + bytes > src.length) {
      throw new InvalidBoxException(
          "source holds " + (src.length - from) + " bytes after offset " + from + ", " + bytes
              + " needed");
    }
  }

  /** Bytes a contiguous volume of this shape needs; rejects shapes that cannot be held. */
  public static long byteSize(DataType dtype, long sx, long sy, long sz) {
    if (sx <= 0 || sy <= 0 || sz <= 0) {
      throw new InvalidBoxException(
          "volume shape " + sx + "x" + sy + "x" + sz + " must be positive on every axis");
    }
    long bytes;
    try {
      bytes = Math.multiplyExact(Math.multiplyExact(Math.multiplyExact(sx, sy), sz),
          (long) dtype.bytes());
    } catch (ArithmeticException e) {
      bytes = Long.MAX_VALUE;
    }
    if (bytes > MAX_BYTES) {
      throw new InvalidBoxException(
          "a " + dtype.numpyName() + " volume of " + sx + "x" + sy + "x" + sz + " voxels needs "
              + bytes + " bytes, more than one in-memory volume holds (2 GiB); read a smaller box"
              + " or use the Spark source, which splits it into cuboids");
    }
    return bytes;
  }

  public DataType dtype() {
    return dtype;
  }

  public int sizeX() {
    return sx;
  }

  public int sizeY() {
    return sy;
  }

  public int sizeZ() {
    return sz;
  }

  public long voxels() {
    return (long) sx * sy * sz;
  }

  /** The box {@code [0, sx) x [0, sy) x [0, sz)}. */
  public BoundingBox shape() {
    return BoundingBox.ofShape(sx, sy, sz);
  }

  /** A view of the sub-box at {@code (x, y, z)} of size {@code (vx, vy, vz)}; shares data. */
  public Volume view(int x, int y, int z, int vx, int vy, int vz) {
    checkInside(x, y, z, vx, vy, vz, "view");
    return new Volume(dtype, vx, vy, vz, data, offset + index(x, y, z), strideY, strideZ);
  }

  /** A view of {@code box}, given in this volume's own coordinates. */
  public Volume view(BoundingBox box) {
    shape().requireContains(box.atResolution(0), "this " + sx + "x" + sy + "x" + sz + " volume");
    return view((int) box.x0(), (int) box.y0(), (int) box.z0(), (int) box.sizeX(),
        (int) box.sizeY(), (int) box.sizeZ());
  }

  /** Copies all of {@code src} into this volume with its (0, 0, 0) at {@code (x, y, z)}. */
  public void copyFrom(Volume src, int x, int y, int z) {
    if (src.dtype != dtype) {
      throw new DataTypeException(
          "cannot copy a " + src.dtype.numpyName() + " volume into a " + dtype.numpyName()
              + " volume");
    }
    checkInside(x, y, z, src.sx, src.sy, src.sz, "copy of a " + src.sx + "x" + src.sy + "x"
        + src.sz + " volume");
    int b = dtype.bytes();
    int rowBytes = src.sx * b;
    for (int k = 0; k < src.sz; k++) {
      for (int j = 0; j < src.sy; j++) {
        System.arraycopy(src.data, (src.offset + j * src.strideY + k * src.strideZ) * b, data,
            (offset + index(x, y + j, z + k)) * b, rowBytes);
      }
    }
  }

  /** A contiguous copy that shares nothing with this volume. */
  public Volume copy() {
    Volume out = allocate(dtype, sx, sy, sz);
    out.copyFrom(this, 0, 0, 0);
    return out;
  }

  /**
   * Whether this volume is all of its array, in C order: then {@link #array()} is that array
   * itself, and writing into it writes into the volume.
   */
  public boolean isWholeArray() {
    return offset == 0 && strideY == sx && strideZ == sx * sy
        && data.length == voxels() * dtype.bytes();
  }

  /**
   * The little-endian C-order bytes of this volume. For a volume that owns its whole array this
   * is that array itself (no copy): changing it changes the volume.
   */
  public byte[] array() {
    return isWholeArray() ? data : copy().data;
  }

  /** The bytes in C order, in the given byte order, always a fresh array. */
  public byte[] toBytes(ByteOrder order) {
    byte[] out = isWholeArray() ? data.clone() : copy().data;
    if (order == ByteOrder.BIG_ENDIAN) {
      swapInPlace(out, dtype.bytes());
    }
    return out;
  }

  /** Reverses the byte order of each {@code width}-byte element in place. */
  public static void swapInPlace(byte[] bytes, int width) {
    if (width == 1) {
      return;
    }
    for (int i = 0; i + width <= bytes.length; i += width) {
      for (int a = i, b = i + width - 1; a < b; a++, b--) {
        byte t = bytes[a];
        bytes[a] = bytes[b];
        bytes[b] = t;
      }
    }
  }

  /**
   * The value at {@code (x, y, z)} as a long: unsigned types are zero-extended (uint64 gives its
   * raw 64 bits), floats are truncated toward zero.
   */
  public long getLong(int x, int y, int z) {
    int i = offset + index(x, y, z);
    return dtype.isFloat() ? (long) Elements.value(data, i, dtype)
        : Elements.label(data, i, dtype);
  }

  /** The value at {@code (x, y, z)} as a double (uint64 read as unsigned). */
  public double getDouble(int x, int y, int z) {
    return Elements.value(data, offset + index(x, y, z), dtype);
  }

  /** Stores {@code value} at {@code (x, y, z)}, keeping its low bits for integer types. */
  public void setLong(int x, int y, int z, long value) {
    Elements.setLong(data, offset + index(x, y, z), dtype, value);
  }

  /** Stores {@code value}, converted to this volume's type as numpy's {@code astype} would. */
  public void setDouble(int x, int y, int z, double value) {
    Elements.setDouble(data, offset + index(x, y, z), dtype, value);
  }

  /** Sets every voxel to {@code value} (see {@link #setDouble}). */
  public void fill(double value) {
    for (int z = 0; z < sz; z++) {
      for (int y = 0; y < sy; y++) {
        for (int x = 0; x < sx; x++) {
          setDouble(x, y, z, value);
        }
      }
    }
  }

  /** Sets every voxel to the low bits of {@code value}. */
  public void fill(long value) {
    for (int z = 0; z < sz; z++) {
      for (int y = 0; y < sy; y++) {
        for (int x = 0; x < sx; x++) {
          setLong(x, y, z, value);
        }
      }
    }
  }

  private int index(int x, int y, int z) {
    return x + y * strideY + z * strideZ;
  }

  private void checkInside(int x, int y, int z, int vx, int vy, int vz, String what) {
    if (x < 0 || y < 0 || z < 0 || vx <= 0 || vy <= 0 || vz <= 0
        || (long) x + vx > sx || (long) y + vy > sy || (long) z + vz > sz) {
      throw new BoxOutOfBoundsException(
          what + " at (" + x + ", " + y + ", " + z + ") of size " + vx + "x" + vy + "x" + vz
              + " does not fit in this " + sx + "x" + sy + "x" + sz + " volume");
    }
  }

  /** CRC-32 (zlib's) of the C-order little-endian bytes: {@code zlib.crc32(a.astype('<...').tobytes())}. */
  public long checksum() {
    CRC32 crc = new CRC32();
    int b = dtype.bytes();
    if (isWholeArray()) {
      crc.update(data);
    } else {
      for (int z = 0; z < sz; z++) {
        for (int y = 0; y < sy; y++) {
          crc.update(data, (offset + y * strideY + z * strideZ) * b, sx * b);
        }
      }
    }
    return crc.getValue();
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Volume v) || v.dtype != dtype || v.sx != sx || v.sy != sy || v.sz != sz) {
      return false;
    }
    int b = dtype.bytes();
    int row = sx * b;
    for (int z = 0; z < sz; z++) {
      for (int y = 0; y < sy; y++) {
        int a = (offset + y * strideY + z * strideZ) * b;
        int c = (v.offset + y * v.strideY + z * v.strideZ) * b;
        if (!Arrays.equals(data, a, a + row, v.data, c, c + row)) {
          return false;
        }
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(checksum()) * 31 + dtype.hashCode();
  }

  /** Serialised as its shape and contiguous bytes, so a view never drags its parent along. */
  private Object writeReplace() {
    return new Serialized(dtype, sx, sy, sz, array());
  }

  private void readObject(ObjectInputStream in) throws InvalidObjectException {
    throw new InvalidObjectException("volumes are read through their serial form");
  }

  private record Serialized(DataType dtype, int sx, int sy, int sz, byte[] data)
      implements Serializable {
    private Object readResolve() {
      return wrap(dtype, sx, sy, sz, data);
    }
  }

  @Override
  public String toString() {
    return "Volume[" + dtype.numpyName() + " " + sx + "x" + sy + "x" + sz + "]";
  }
}
