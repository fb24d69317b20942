package org.ndio.jobs.kernel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.ndio.volume.DataType;

/**
 * Element {@code i} of a little-endian voxel array ({@link org.ndio.volume.Volume#array()}) by
 * data type: the one type switch the kernels share. The typed readers are tiny static methods
 * so the JIT inlines them into the kernels' per-type loops, which keep the switch out of the
 * inner loop; {@link #value}, {@link #label} and {@link #bits} switch per call, for the rarer
 * types.
 */
public final class Elements {

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

  private Elements() {}

  /** Element {@code i} as an unsigned 16-bit value. */
  public static int u16(byte[] d, int i) {
    return (short) SHORT.get(d, i * 2) & 0xffff;
  }

  /** Element {@code i} as an unsigned 32-bit value. */
  public static long u32(byte[] d, int i) {
    return (int) INT.get(d, i * 4) & 0xffffffffL;
  }

  /** Element {@code i} as a 64-bit value (unsigned ones keep their bits). */
  public static long i64(byte[] d, int i) {
    return (long) LONG.get(d, i * 8);
  }

  /** Element {@code i} as a 32-bit float. */
  public static float f32(byte[] d, int i) {
    return (float) FLOAT.get(d, i * 4);
  }

  /** Element {@code i} as {@link org.ndio.volume.Volume#getDouble} reads it. */
  public static double value(byte[] d, int i, DataType t) {
    return switch (t) {
      case UINT8 -> d[i] & 0xff;
      case INT8 -> d[i];
      case UINT16 -> u16(d, i);
      case INT16 -> (short) SHORT.get(d, i * 2);
      case UINT32 -> u32(d, i);
      case INT32 -> (int) INT.get(d, i * 4);
      case UINT64 -> {
        long v = i64(d, i);
        // unsigned: halve, convert, double, so values past 2^63 stay positive
        yield v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
      }
      case INT64 -> i64(d, i);
      case FLOAT32 -> f32(d, i);
      case FLOAT64 -> (double) DOUBLE.get(d, i * 8);
    };
  }

  /**
   * Element {@code i} of an integer type as {@link org.ndio.volume.Volume#getLong} reads it.
   *
   * @throws IllegalStateException for float types, which hold no labels
   */
  public static long label(byte[] d, int i, DataType t) {
    return switch (t) {
      case UINT8 -> d[i] & 0xffL;
      case INT8 -> d[i];
      case UINT16 -> u16(d, i);
      case INT16 -> (short) SHORT.get(d, i * 2);
      case UINT32 -> u32(d, i);
      case INT32 -> (int) INT.get(d, i * 4);
      case UINT64, INT64 -> i64(d, i);
      case FLOAT32, FLOAT64 -> throw new IllegalStateException("float labels");
    };
  }

  /**
   * Element {@code i}'s bits, zero-extended: two elements of one type are equal, or zero,
   * exactly when these are (for floats, bitwise, so -0.0 differs from 0.0).
   */
  public static long bits(byte[] d, int i, DataType t) {
    return switch (t) {
      case UINT8, INT8 -> d[i] & 0xffL;
      case UINT16, INT16 -> u16(d, i);
      case UINT32, INT32, FLOAT32 -> u32(d, i);
      case UINT64, INT64, FLOAT64 -> i64(d, i);
    };
  }
}
