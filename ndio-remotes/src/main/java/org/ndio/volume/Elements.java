package org.ndio.volume;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Element {@code i} of a little-endian voxel array ({@link Volume#array()}) by data type: the
 * one place that knows how each type sits in bytes, shared by {@link Volume}'s accessors and
 * the kernels' loops. The typed readers are tiny static methods so the JIT inlines them into
 * the kernels' per-type loops, which keep the type switch out of the inner loop; the methods
 * taking a {@link DataType} switch per call, for the rarer types.
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

  /** Element {@code i} as a double; unsigned types read as unsigned, uint64 included. */
  public static double value(byte[] d, int i, DataType t) {
    return switch (t) {
      case FLOAT32 -> f32(d, i);
      case FLOAT64 -> (double) DOUBLE.get(d, i * 8);
      case UINT64 -> unsignedToDouble(i64(d, i));
      default -> label(d, i, t);
    };
  }

  /** The nearest double to {@code v} read as unsigned 64 bits, as numpy converts uint64. */
  public static double unsignedToDouble(long v) {
    // past 2^63: halve keeping the lost bit as a sticky bit, so the conversion still rounds
    // to nearest (halving alone can turn a value just above a tie into a tie), then double
    return v >= 0 ? v : (double) ((v >>> 1) | (v & 1)) * 2.0;
  }

  /**
   * Element {@code i} of an integer type as a long: unsigned types zero-extended, uint64 as
   * its raw 64 bits.
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

  /** Stores the low bits of {@code v} in an integer element; floats get {@code v} converted. */
  public static void setLong(byte[] d, int i, DataType t, long v) {
    switch (t) {
      case UINT8, INT8 -> d[i] = (byte) v;
      case UINT16, INT16 -> SHORT.set(d, i * 2, (short) v);
      case UINT32, INT32 -> INT.set(d, i * 4, (int) v);
      case UINT64, INT64 -> LONG.set(d, i * 8, v);
      case FLOAT32 -> FLOAT.set(d, i * 4, (float) v);
      case FLOAT64 -> DOUBLE.set(d, i * 8, (double) v);
    }
  }

  /** Stores {@code v}: floats as they are, integer types truncated toward zero first. */
  public static void setDouble(byte[] d, int i, DataType t, double v) {
    switch (t) {
      case FLOAT32 -> FLOAT.set(d, i * 4, (float) v);
      case FLOAT64 -> DOUBLE.set(d, i * 8, v);
      default -> setLong(d, i, t, (long) v);
    }
  }
}
