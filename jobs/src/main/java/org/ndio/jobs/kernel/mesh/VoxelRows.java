package org.ndio.jobs.kernel.mesh;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.ndio.volume.DataType;
import org.ndio.volume.Volume;

/** Reads runs of a row of a volume as object masks or raw labels, one type switch per run. */
final class VoxelRows {

  private static final VarHandle SHORT =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle FLOAT =
      MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle DOUBLE =
      MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);

  private final byte[] data;
  private final DataType dtype;
  private final int sx;
  private final int sy;

  VoxelRows(Volume v) {
    this.data = v.array();
    this.dtype = v.dtype();
    this.sx = v.sizeX();
    this.sy = v.sizeY();
  }

  /** {@code out[off + i] = 1} where voxel {@code (x0 + i, y, z)} is at least {@code t}. */
  void atLeast(double t, int y, int z, int x0, int n, byte[] out, int off) {
    int base = (z * sy + y) * sx + x0;
    switch (dtype) {
      case UINT8 -> {
        int ti = intThreshold(t, 0, 255);
        for (int i = 0; i < n; i++) {
          out[off + i] = (byte) ((data[base + i] & 0xff) >= ti ? 1 : 0);
        }
      }
      case UINT16 -> {
        int ti = intThreshold(t, 0, 65535);
        for (int i = 0; i < n; i++) {
          out[off + i] = (byte) (((short) SHORT.get(data, (base + i) * 2) & 0xffff) >= ti ? 1 : 0);
        }
      }
      case FLOAT32 -> {
        for (int i = 0; i < n; i++) {
          out[off + i] = (byte) ((float) FLOAT.get(data, (base + i) * 4) >= t ? 1 : 0);
        }
      }
      default -> {
        for (int i = 0; i < n; i++) {
          out[off + i] = (byte) (value(base + i) >= t ? 1 : 0);
        }
      }
    }
  }

  /** The smallest integer at least {@code t}, clamped to one past the type's range. */
  private static int intThreshold(double t, int min, int max) {
    double c = Math.ceil(t);
    return c <= min ? min : c > max ? max + 1 : (int) c;
  }

  /** {@code out[off + i] = 1} where voxel {@code (x0 + i, y, z)} has label {@code label}. */
  void equal(long label, int y, int z, int x0, int n, byte[] out, int off) {
    int base = (z * sy + y) * sx + x0;
    if (dtype == DataType.UINT8) {
      for (int i = 0; i < n; i++) {
        out[off + i] = (byte) ((data[base + i] & 0xffL) == label ? 1 : 0);
      }
      return;
    }
    for (int i = 0; i < n; i++) {
      out[off + i] = (byte) (label(base + i) == label ? 1 : 0);
    }
  }

  /** The labels of voxels {@code (x0 .. x0 + n - 1, y, z)}. */
  void labels(int y, int z, int x0, int n, long[] out, int off) {
    int base = (z * sy + y) * sx + x0;
    switch (dtype) {
      case UINT8 -> {
        for (int i = 0; i < n; i++) {
          out[off + i] = data[base + i] & 0xffL;
        }
      }
      case UINT16 -> {
        for (int i = 0; i < n; i++) {
          out[off + i] = (short) SHORT.get(data, (base + i) * 2) & 0xffffL;
        }
      }
      case UINT32 -> {
        for (int i = 0; i < n; i++) {
          out[off + i] = (int) INT.get(data, (base + i) * 4) & 0xffffffffL;
        }
      }
      case UINT64, INT64 -> {
        for (int i = 0; i < n; i++) {
          out[off + i] = (long) LONG.get(data, (base + i) * 8);
        }
      }
      default -> {
        for (int i = 0; i < n; i++) {
          out[off + i] = label(base + i);
        }
      }
    }
  }

  /** A label as {@link Volume#getLong} reads it (integer types only). */
  private long label(int i) {
    return switch (dtype) {
      case UINT8 -> data[i] & 0xffL;
      case INT8 -> data[i];
      case UINT16 -> (short) SHORT.get(data, i * 2) & 0xffffL;
      case INT16 -> (short) SHORT.get(data, i * 2);
      case UINT32 -> (int) INT.get(data, i * 4) & 0xffffffffL;
      case INT32 -> (int) INT.get(data, i * 4);
      case UINT64, INT64 -> (long) LONG.get(data, i * 8);
      case FLOAT32, FLOAT64 -> throw new IllegalStateException("float labels");
    };
  }

  private double value(int i) {
    return switch (dtype) {
      case UINT8 -> data[i] & 0xff;
      case INT8 -> data[i];
      case UINT16 -> (short) SHORT.get(data, i * 2) & 0xffff;
      case INT16 -> (short) SHORT.get(data, i * 2);
      case UINT32 -> (int) INT.get(data, i * 4) & 0xffffffffL;
      case INT32 -> (int) INT.get(data, i * 4);
      case UINT64 -> {
        long v = (long) LONG.get(data, i * 8);
        yield v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
      }
      case INT64 -> (long) LONG.get(data, i * 8);
      case FLOAT32 -> (float) FLOAT.get(data, i * 4);
      case FLOAT64 -> (double) DOUBLE.get(data, i * 8);
    };
  }
}
