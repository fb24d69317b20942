package org.ndio.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Elements against java.nio's little-endian buffers (a separate implementation of the byte
 * layouts) on random bits, for every data type.
 */
class ElementsTest {

  private static final int N = 4096;

  @Test
  void readsAsALittleEndianBufferDoes() {
    SplittableRandom r = new SplittableRandom(12);
    for (DataType t : DataType.values()) {
      byte[] d = new byte[N * t.bytes()];
      r.nextBytes(d);
      ByteBuffer b = ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < N; i++) {
        assertEquals(Double.doubleToLongBits(expectedValue(b, i, t)),
            Double.doubleToLongBits(Elements.value(d, i, t)), t + " value " + i);
        if (t.isFloat()) {
          int at = i;
          assertThrows(IllegalStateException.class, () -> Elements.label(d, at, t));
        } else {
          assertEquals(expectedLabel(b, i, t), Elements.label(d, i, t), t + " label " + i);
        }
      }
    }
  }

  @Test
  void uint64PastTwoToThe63RoundsToNearest() {
    // 2^63 + 2^10 + 1 lies just above half way between two doubles (2^11 apart there):
    // halving first would make it an exact tie, rounded down to even
    long[] cases = {Long.MIN_VALUE + 1025, Long.MIN_VALUE + 1024, -1L, Long.MIN_VALUE + 3073};
    ByteBuffer b = ByteBuffer.allocate(8 * cases.length).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < cases.length; i++) {
      b.putLong(i * 8, cases[i]);
    }
    for (int i = 0; i < cases.length; i++) {
      assertEquals(expectedValue(b, i, DataType.UINT64),
          Elements.value(b.array(), i, DataType.UINT64), Long.toUnsignedString(cases[i]));
    }
  }

  @Test
  void writesAsALittleEndianBufferDoes() {
    SplittableRandom r = new SplittableRandom(14);
    for (DataType t : DataType.values()) {
      int w = t.bytes();
      byte[] ours = new byte[N * w];
      ByteBuffer theirs = ByteBuffer.allocate(N * w).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < N; i++) {
        long v = r.nextLong();
        Elements.setLong(ours, i, t, v);
        switch (t) {
          // long to float directly: through double would round twice
          case FLOAT32 -> theirs.putFloat(i * 4, (float) v);
          case FLOAT64 -> theirs.putDouble(i * 8, (double) v);
          default -> putBits(theirs, i, t, v);
        }
      }
      assertArrayEquals(theirs.array(), ours, t + " setLong");
      for (int i = 0; i < N; i++) {
        double v = (r.nextDouble() - 0.5) * 1e6;
        Elements.setDouble(ours, i, t, v);
        switch (t) {
          case FLOAT32 -> theirs.putFloat(i * 4, (float) v);
          case FLOAT64 -> theirs.putDouble(i * 8, v);
          default -> putBits(theirs, i, t, (long) v);
        }
      }
      assertArrayEquals(theirs.array(), ours, t + " setDouble");
    }
  }

  /** An integer element keeps the low bits, as numpy's astype does. */
  private static void putBits(ByteBuffer b, int i, DataType t, long bits) {
    switch (t) {
      case UINT8, INT8 -> b.put(i, (byte) bits);
      case UINT16, INT16 -> b.putShort(i * 2, (short) bits);
      case UINT32, INT32 -> b.putInt(i * 4, (int) bits);
      default -> b.putLong(i * 8, bits);
    }
  }

  @Test
  void bitsAreEqualExactlyWhenTheBytesAre() {
    SplittableRandom r = new SplittableRandom(13);
    for (DataType t : DataType.values()) {
      int w = t.bytes();
      byte[] d = new byte[N * w];
      for (int i = 0; i < N; i++) {
        // few distinct bytes, so equal neighbours are common
        for (int k = 0; k < w; k++) {
          d[i * w + k] = (byte) (r.nextInt(2) * 0x80);
        }
      }
      for (int i = 1; i < N; i++) {
        boolean same = Arrays.equals(d, i * w, i * w + w, d, (i - 1) * w, i * w);
        assertEquals(same, Elements.bits(d, i, t) == Elements.bits(d, i - 1, t), t + " " + i);
        boolean zero = Arrays.equals(d, i * w, i * w + w, new byte[w], 0, w);
        assertEquals(zero, Elements.bits(d, i, t) == 0, t + " zero " + i);
      }
    }
  }

  private static long expectedLabel(ByteBuffer b, int i, DataType t) {
    return switch (t) {
      case UINT8 -> Byte.toUnsignedLong(b.get(i));
      case INT8 -> b.get(i);
      case UINT16 -> Short.toUnsignedLong(b.getShort(i * 2));
      case INT16 -> b.getShort(i * 2);
      case UINT32 -> Integer.toUnsignedLong(b.getInt(i * 4));
      case INT32 -> b.getInt(i * 4);
      case UINT64, INT64 -> b.getLong(i * 8);
      case FLOAT32, FLOAT64 -> throw new AssertionError(t);
    };
  }

  private static double expectedValue(ByteBuffer b, int i, DataType t) {
    return switch (t) {
      case FLOAT32 -> b.getFloat(i * 4);
      case FLOAT64 -> b.getDouble(i * 8);
      // BigInteger's conversion rounds to nearest, as numpy's uint64 -> float64 does
      case UINT64 -> new BigInteger(Long.toUnsignedString(b.getLong(i * 8))).doubleValue();
      default -> expectedLabel(b, i, t);
    };
  }
}
