package org.ndio.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * c-blosc's two block filters, laid out byte for byte as c-blosc 1.x lays them out.
 *
 * <p>Byte shuffle: a block of {@code n = len / ts} elements becomes {@code ts} planes of
 * {@code n} bytes, byte {@code j} of element {@code i} going to {@code j * n + i}; the
 * {@code len % ts} trailing bytes are copied as they are.
 *
 * <p>Bit shuffle: only when {@code n} is a multiple of 8 (otherwise c-blosc copies the block
 * unchanged); after the byte shuffle, each plane {@code j} becomes 8 bit rows of {@code n / 8}
 * bytes, row {@code 8 * j + b} holding bit {@code b} of the plane's bytes, element {@code i} at
 * bit {@code i % 8} of byte {@code i / 8}; trailing bytes are copied as they are.
 *
 * <p>Both work on 8 elements at a time with 64-bit loads and register transposes, because the
 * plain per-byte loops are several times slower than c-blosc's SIMD code.
 */
final class Shuffle {

  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private static final long M32 = 0x00000000FFFFFFFFL;
  private static final long M16 = 0x0000FFFF0000FFFFL;
  private static final long M8 = 0x00FF00FF00FF00FFL;

  private Shuffle() {}

  /** Byte-shuffles {@code src[s, s + len)} into {@code dst[d, d + len)}. */
  static void shuffle(int ts, byte[] src, int s, int len, byte[] dst, int d) {
    int n = len / ts;
    int done;
    if (ts == 1) {
      System.arraycopy(src, s, dst, d, len);
      return;
    } else if (ts == 2) {
      done = shuffle2(src, s, n, dst, d);
    } else if (ts == 4) {
      done = shuffle4(src, s, n, dst, d);
    } else if (ts == 8) {
      done = shuffle8(src, s, n, dst, d);
    } else if (ts > 8) {
      done = shuffleWide(ts, src, s, n, dst, d);
    } else {
      done = 0;
    }
    // The fast paths did elements [0, done) of planes [0, cols); bytes loops do the rest.
    int cols = ts >= 8 ? ts & ~7 : ts;
    for (int j = 0; j < ts; j++) {
      int from = j < cols ? done : 0;
      int o = d + j * n;
      for (int i = from, p = s + from * ts + j; i < n; i++, p += ts) {
        dst[o + i] = src[p];
      }
    }
    int tail = len - n * ts;
    System.arraycopy(src, s + n * ts, dst, d + n * ts, tail);
  }

  /** Undoes {@link #shuffle}: {@code src[s, s + len)} back into {@code dst[d, d + len)}. */
  static void unshuffle(int ts, byte[] src, int s, int len, byte[] dst, int d) {
    int n = len / ts;
    int done;
    if (ts == 1) {
      System.arraycopy(src, s, dst, d, len);
      return;
    } else if (ts == 2) {
      done = unshuffle2(src, s, n, dst, d);
    } else if (ts == 4) {
      done = unshuffle4(src, s, n, dst, d);
    } else if (ts == 8) {
      done = unshuffle8(src, s, n, dst, d);
    } else if (ts > 8) {
      done = unshuffleWide(ts, src, s, n, dst, d);
    } else {
      done = 0;
    }
    int cols = ts >= 8 ? ts & ~7 : ts;
    for (int j = 0; j < ts; j++) {
      int from = j < cols ? done : 0;
      int o = s + j * n;
      for (int i = from, p = d + from * ts + j; i < n; i++, p += ts) {
        dst[p] = src[o + i];
      }
    }
    int tail = len - n * ts;
    System.arraycopy(src, s + n * ts, dst, d + n * ts, tail);
  }

  /** Packs bytes 0, 2, 4, 6 of {@code x} into its low 32 bits. */
  private static long evenBytes(long x) {
    x &= M8;
    x = (x | (x >>> 8)) & M16;
    return (x | (x >>> 16)) & M32;
  }

  /** Spreads the low 4 bytes of {@code x} to bytes 0, 2, 4, 6. */
  private static long spreadBytes(long x) {
    x &= M32;
    x = (x | (x << 16)) & M16;
    return (x | (x << 8)) & M8;
  }

  private static int shuffle2(byte[] src, int s, int n, byte[] dst, int d) {
    int n8 = n & ~7;
    for (int i = 0; i < n8; i += 8) {
      long a = (long) LONG.get(src, s + 2 * i);
      long b = (long) LONG.get(src, s + 2 * i + 8);
      LONG.set(dst, d + i, evenBytes(a) | (evenBytes(b) << 32));
      LONG.set(dst, d + n + i, evenBytes(a >>> 8) | (evenBytes(b >>> 8) << 32));
    }
    return n8;
  }

  private static int unshuffle2(byte[] src, int s, int n, byte[] dst, int d) {
    int n8 = n & ~7;
    for (int i = 0; i < n8; i += 8) {
      long p0 = (long) LONG.get(src, s + i);
      long p1 = (long) LONG.get(src, s + n + i);
      LONG.set(dst, d + 2 * i, spreadBytes(p0) | (spreadBytes(p1) << 8));
      LONG.set(dst, d + 2 * i + 8, spreadBytes(p0 >>> 32) | (spreadBytes(p1 >>> 32) << 8));
    }
    return n8;
  }

  /*
   * Four-byte elements: rows r_i = e_i | e_(i+4) << 32 for i < 4, then the 16- and 8-bit
   * stages of an 8x8 byte transpose turn them into the four planes (the 32-bit stage is the
   * packing itself, since the upper four columns are empty).
   */
  private static int shuffle4(byte[] src, int s, int n, byte[] dst, int d) {
    final int n8 = n & ~7;
    final int o0 = d;
    final int o1 = o0 + n;
    final int o2 = o1 + n;
    final int o3 = o2 + n;
    for (int i = 0; i < n8; i += 8) {
      int p = s + 4 * i;
      long r0 = ((int) INT.get(src, p) & M32) | ((long) (int) INT.get(src, p + 16) << 32);
      long r1 = ((int) INT.get(src, p + 4) & M32) | ((long) (int) INT.get(src, p + 20) << 32);
      long r2 = ((int) INT.get(src, p + 8) & M32) | ((long) (int) INT.get(src, p + 24) << 32);
      long r3 = ((int) INT.get(src, p + 12) & M32) | ((long) (int) INT.get(src, p + 28) << 32);
      long t = ((r0 >>> 16) ^ r2) & M16;
      r0 ^= t << 16;
      r2 ^= t;
      t = ((r1 >>> 16) ^ r3) & M16;
      r1 ^= t << 16;
      r3 ^= t;
      t = ((r0 >>> 8) ^ r1) & M8;
      r0 ^= t << 8;
      r1 ^= t;
      t = ((r2 >>> 8) ^ r3) & M8;
      r2 ^= t << 8;
      r3 ^= t;
      LONG.set(dst, o0 + i, r0);
      LONG.set(dst, o1 + i, r1);
      LONG.set(dst, o2 + i, r2);
      LONG.set(dst, o3 + i, r3);
    }
    return n8;
  }

  private static int unshuffle4(byte[] src, int s, int n, byte[] dst, int d) {
    final int n8 = n & ~7;
    final int i0 = s;
    final int i1 = i0 + n;
    final int i2 = i1 + n;
    final int i3 = i2 + n;
    for (int i = 0; i < n8; i += 8) {
      long r0 = (long) LONG.get(src, i0 + i);
      long r1 = (long) LONG.get(src, i1 + i);
      long r2 = (long) LONG.get(src, i2 + i);
      long r3 = (long) LONG.get(src, i3 + i);
      long t = ((r0 >>> 16) ^ r2) & M16;
      r0 ^= t << 16;
      r2 ^= t;
      t = ((r1 >>> 16) ^ r3) & M16;
      r1 ^= t << 16;
      r3 ^= t;
      t = ((r0 >>> 8) ^ r1) & M8;
      r0 ^= t << 8;
      r1 ^= t;
      t = ((r2 >>> 8) ^ r3) & M8;
      r2 ^= t << 8;
      r3 ^= t;
      int p = d + 4 * i;
      INT.set(dst, p, (int) r0);
      INT.set(dst, p + 4, (int) r1);
      INT.set(dst, p + 8, (int) r2);
      INT.set(dst, p + 12, (int) r3);
      INT.set(dst, p + 16, (int) (r0 >>> 32));
      INT.set(dst, p + 20, (int) (r1 >>> 32));
      INT.set(dst, p + 24, (int) (r2 >>> 32));
      INT.set(dst, p + 28, (int) (r3 >>> 32));
    }
    return n8;
  }

  /**
   * Elements of 8 bytes or more: each group of 8 byte columns of 8 elements is an 8x8 byte
   * matrix, transposed in registers; columns past the last multiple of 8 are left to the
   * caller's byte loop. Returns the number of elements done for those columns.
   */
  private static int shuffleWide(int ts, byte[] src, int s, int n, byte[] dst, int d) {
    int n8 = n & ~7;
    int cols = ts & ~7;
    for (int j = 0; j < cols; j += 8) {
      final int o0 = d + j * n;
      final int o1 = o0 + n;
      final int o2 = o1 + n;
      final int o3 = o2 + n;
      final int o4 = o3 + n;
      final int o5 = o4 + n;
      final int o6 = o5 + n;
      final int o7 = o6 + n;
      for (int i = 0; i < n8; i += 8) {
        int p = s + i * ts + j;
        long r0 = (long) LONG.get(src, p);
        long r1 = (long) LONG.get(src, p + ts);
        long r2 = (long) LONG.get(src, p + 2 * ts);
        long r3 = (long) LONG.get(src, p + 3 * ts);
        long r4 = (long) LONG.get(src, p + 4 * ts);
        long r5 = (long) LONG.get(src, p + 5 * ts);
        long r6 = (long) LONG.get(src, p + 6 * ts);
        long r7 = (long) LONG.get(src, p + 7 * ts);
        long t;
        t = ((r0 >>> 32) ^ r4) & M32; r0 ^= t << 32; r4 ^= t;
        t = ((r1 >>> 32) ^ r5) & M32; r1 ^= t << 32; r5 ^= t;
        t = ((r2 >>> 32) ^ r6) & M32; r2 ^= t << 32; r6 ^= t;
        t = ((r3 >>> 32) ^ r7) & M32; r3 ^= t << 32; r7 ^= t;
        t = ((r0 >>> 16) ^ r2) & M16; r0 ^= t << 16; r2 ^= t;
        t = ((r1 >>> 16) ^ r3) & M16; r1 ^= t << 16; r3 ^= t;
        t = ((r4 >>> 16) ^ r6) & M16; r4 ^= t << 16; r6 ^= t;
        t = ((r5 >>> 16) ^ r7) & M16; r5 ^= t << 16; r7 ^= t;
        t = ((r0 >>> 8) ^ r1) & M8; r0 ^= t << 8; r1 ^= t;
        t = ((r2 >>> 8) ^ r3) & M8; r2 ^= t << 8; r3 ^= t;
        t = ((r4 >>> 8) ^ r5) & M8; r4 ^= t << 8; r5 ^= t;
        t = ((r6 >>> 8) ^ r7) & M8; r6 ^= t << 8; r7 ^= t;
        LONG.set(dst, o0 + i, r0);
        LONG.set(dst, o1 + i, r1);
        LONG.set(dst, o2 + i, r2);
        LONG.set(dst, o3 + i, r3);
        LONG.set(dst, o4 + i, r4);
        LONG.set(dst, o5 + i, r5);
        LONG.set(dst, o6 + i, r6);
        LONG.set(dst, o7 + i, r7);
      }
    }
    return n8;
  }

  private static int unshuffleWide(int ts, byte[] src, int s, int n, byte[] dst, int d) {
    int n8 = n & ~7;
    int cols = ts & ~7;
    for (int j = 0; j < cols; j += 8) {
      // plane offsets hoisted out of the loop: the JIT then keeps them in registers
      final int o0 = s + j * n;
      final int o1 = o0 + n;
      final int o2 = o1 + n;
      final int o3 = o2 + n;
      final int o4 = o3 + n;
      final int o5 = o4 + n;
      final int o6 = o5 + n;
      final int o7 = o6 + n;
      for (int i = 0; i < n8; i += 8) {
        long r0 = (long) LONG.get(src, o0 + i);
        long r1 = (long) LONG.get(src, o1 + i);
        long r2 = (long) LONG.get(src, o2 + i);
        long r3 = (long) LONG.get(src, o3 + i);
        long r4 = (long) LONG.get(src, o4 + i);
        long r5 = (long) LONG.get(src, o5 + i);
        long r6 = (long) LONG.get(src, o6 + i);
        long r7 = (long) LONG.get(src, o7 + i);
        long t;
        t = ((r0 >>> 32) ^ r4) & M32; r0 ^= t << 32; r4 ^= t;
        t = ((r1 >>> 32) ^ r5) & M32; r1 ^= t << 32; r5 ^= t;
        t = ((r2 >>> 32) ^ r6) & M32; r2 ^= t << 32; r6 ^= t;
        t = ((r3 >>> 32) ^ r7) & M32; r3 ^= t << 32; r7 ^= t;
        t = ((r0 >>> 16) ^ r2) & M16; r0 ^= t << 16; r2 ^= t;
        t = ((r1 >>> 16) ^ r3) & M16; r1 ^= t << 16; r3 ^= t;
        t = ((r4 >>> 16) ^ r6) & M16; r4 ^= t << 16; r6 ^= t;
        t = ((r5 >>> 16) ^ r7) & M16; r5 ^= t << 16; r7 ^= t;
        t = ((r0 >>> 8) ^ r1) & M8; r0 ^= t << 8; r1 ^= t;
        t = ((r2 >>> 8) ^ r3) & M8; r2 ^= t << 8; r3 ^= t;
        t = ((r4 >>> 8) ^ r5) & M8; r4 ^= t << 8; r5 ^= t;
        t = ((r6 >>> 8) ^ r7) & M8; r6 ^= t << 8; r7 ^= t;
        int p = d + i * ts + j;
        LONG.set(dst, p, r0);
        LONG.set(dst, p + ts, r1);
        LONG.set(dst, p + 2 * ts, r2);
        LONG.set(dst, p + 3 * ts, r3);
        LONG.set(dst, p + 4 * ts, r4);
        LONG.set(dst, p + 5 * ts, r5);
        LONG.set(dst, p + 6 * ts, r6);
        LONG.set(dst, p + 7 * ts, r7);
      }
    }
    return n8;
  }

  /** {@link #shuffleWide} for 8-byte elements: constant strides let the JIT do better. */
  private static int shuffle8(byte[] src, int s, int n, byte[] dst, int d) {
    final int ts = 8;
    int n8 = n & ~7;
    int cols = ts & ~7;
    for (int j = 0; j < cols; j += 8) {
      final int o0 = d + j * n;
      final int o1 = o0 + n;
      final int o2 = o1 + n;
      final int o3 = o2 + n;
      final int o4 = o3 + n;
      final int o5 = o4 + n;
      final int o6 = o5 + n;
      final int o7 = o6 + n;
      for (int i = 0; i < n8; i += 8) {
        int p = s + i * ts + j;
        long r0 = (long) LONG.get(src, p);
        long r1 = (long) LONG.get(src, p + ts);
        long r2 = (long) LONG.get(src, p + 2 * ts);
        long r3 = (long) LONG.get(src, p + 3 * ts);
        long r4 = (long) LONG.get(src, p + 4 * ts);
        long r5 = (long) LONG.get(src, p + 5 * ts);
        long r6 = (long) LONG.get(src, p + 6 * ts);
        long r7 = (long) LONG.get(src, p + 7 * ts);
        long t;
        t = ((r0 >>> 32) ^ r4) & M32; r0 ^= t << 32; r4 ^= t;
        t = ((r1 >>> 32) ^ r5) & M32; r1 ^= t << 32; r5 ^= t;
        t = ((r2 >>> 32) ^ r6) & M32; r2 ^= t << 32; r6 ^= t;
        t = ((r3 >>> 32) ^ r7) & M32; r3 ^= t << 32; r7 ^= t;
        t = ((r0 >>> 16) ^ r2) & M16; r0 ^= t << 16; r2 ^= t;
        t = ((r1 >>> 16) ^ r3) & M16; r1 ^= t << 16; r3 ^= t;
        t = ((r4 >>> 16) ^ r6) & M16; r4 ^= t << 16; r6 ^= t;
        t = ((r5 >>> 16) ^ r7) & M16; r5 ^= t << 16; r7 ^= t;
        t = ((r0 >>> 8) ^ r1) & M8; r0 ^= t << 8; r1 ^= t;
        t = ((r2 >>> 8) ^ r3) & M8; r2 ^= t << 8; r3 ^= t;
        t = ((r4 >>> 8) ^ r5) & M8; r4 ^= t << 8; r5 ^= t;
        t = ((r6 >>> 8) ^ r7) & M8; r6 ^= t << 8; r7 ^= t;
        LONG.set(dst, o0 + i, r0);
        LONG.set(dst, o1 + i, r1);
        LONG.set(dst, o2 + i, r2);
        LONG.set(dst, o3 + i, r3);
        LONG.set(dst, o4 + i, r4);
        LONG.set(dst, o5 + i, r5);
        LONG.set(dst, o6 + i, r6);
        LONG.set(dst, o7 + i, r7);
      }
    }
    return n8;
  }

  /** {@link #unshuffleWide} for 8-byte elements. */
  private static int unshuffle8(byte[] src, int s, int n, byte[] dst, int d) {
    final int ts = 8;
    int n8 = n & ~7;
    int cols = ts & ~7;
    for (int j = 0; j < cols; j += 8) {
      // plane offsets hoisted out of the loop: the JIT then keeps them in registers
      final int o0 = s + j * n;
      final int o1 = o0 + n;
      final int o2 = o1 + n;
      final int o3 = o2 + n;
      final int o4 = o3 + n;
      final int o5 = o4 + n;
      final int o6 = o5 + n;
      final int o7 = o6 + n;
      for (int i = 0; i < n8; i += 8) {
        long r0 = (long) LONG.get(src, o0 + i);
        long r1 = (long) LONG.get(src, o1 + i);
        long r2 = (long) LONG.get(src, o2 + i);
        long r3 = (long) LONG.get(src, o3 + i);
        long r4 = (long) LONG.get(src, o4 + i);
        long r5 = (long) LONG.get(src, o5 + i);
        long r6 = (long) LONG.get(src, o6 + i);
        long r7 = (long) LONG.get(src, o7 + i);
        long t;
        t = ((r0 >>> 32) ^ r4) & M32; r0 ^= t << 32; r4 ^= t;
        t = ((r1 >>> 32) ^ r5) & M32; r1 ^= t << 32; r5 ^= t;
        t = ((r2 >>> 32) ^ r6) & M32; r2 ^= t << 32; r6 ^= t;
        t = ((r3 >>> 32) ^ r7) & M32; r3 ^= t << 32; r7 ^= t;
        t = ((r0 >>> 16) ^ r2) & M16; r0 ^= t << 16; r2 ^= t;
        t = ((r1 >>> 16) ^ r3) & M16; r1 ^= t << 16; r3 ^= t;
        t = ((r4 >>> 16) ^ r6) & M16; r4 ^= t << 16; r6 ^= t;
        t = ((r5 >>> 16) ^ r7) & M16; r5 ^= t << 16; r7 ^= t;
        t = ((r0 >>> 8) ^ r1) & M8; r0 ^= t << 8; r1 ^= t;
        t = ((r2 >>> 8) ^ r3) & M8; r2 ^= t << 8; r3 ^= t;
        t = ((r4 >>> 8) ^ r5) & M8; r4 ^= t << 8; r5 ^= t;
        t = ((r6 >>> 8) ^ r7) & M8; r6 ^= t << 8; r7 ^= t;
        int p = d + i * ts + j;
        LONG.set(dst, p, r0);
        LONG.set(dst, p + ts, r1);
        LONG.set(dst, p + 2 * ts, r2);
        LONG.set(dst, p + 3 * ts, r3);
        LONG.set(dst, p + 4 * ts, r4);
        LONG.set(dst, p + 5 * ts, r5);
        LONG.set(dst, p + 6 * ts, r6);
        LONG.set(dst, p + 7 * ts, r7);
      }
    }
    return n8;
  }

  /** Transposes the 8x8 bit matrix in {@code x} (byte m, bit k) to (byte k, bit m). */
  private static long transposeBits(long x) {
    long t = (x ^ (x >>> 7)) & 0x00AA00AA00AA00AAL;
    x = x ^ t ^ (t << 7);
    t = (x ^ (x >>> 14)) & 0x0000CCCC0000CCCCL;
    x = x ^ t ^ (t << 14);
    t = (x ^ (x >>> 28)) & 0x00000000F0F0F0F0L;
    return x ^ t ^ (t << 28);
  }

  /**
   * Bit-shuffles {@code src[s, s + len)} into {@code dst[d, d + len)}; {@code tmp} needs
   * {@code len} bytes when {@code ts > 1}.
   */
  static void bitShuffle(int ts, byte[] src, int s, int len, byte[] dst, int d, byte[] tmp) {
    int n = len / ts;
    if (n % 8 != 0) {
      System.arraycopy(src, s, dst, d, len);
      return;
    }
    byte[] planes = src;
    int base = s;
    if (ts > 1) {
      shuffle(ts, src, s, n * ts, tmp, 0);
      planes = tmp;
      base = 0;
    }
    for (int j = 0; j < ts; j++) {
      bitRows(planes, base + j * n, n, dst, d + j * n);
    }
    System.arraycopy(src, s + n * ts, dst, d + n * ts, len - n * ts);
  }

  /** Undoes {@link #bitShuffle}; {@code tmp} needs {@code len} bytes when {@code ts > 1}. */
  static void bitUnshuffle(int ts, byte[] src, int s, int len, byte[] dst, int d, byte[] tmp) {
    int n = len / ts;
    if (n % 8 != 0) {
      System.arraycopy(src, s, dst, d, len);
      return;
    }
    byte[] planes = ts > 1 ? tmp : dst;
    int base = ts > 1 ? 0 : d;
    for (int j = 0; j < ts; j++) {
      bitUnrows(src, s + j * n, n, planes, base + j * n);
    }
    if (ts > 1) {
      unshuffle(ts, tmp, 0, n * ts, dst, d);
    }
    System.arraycopy(src, s + n * ts, dst, d + n * ts, len - n * ts);
  }

  /** One plane of {@code n} bytes (n % 8 == 0) to its 8 bit rows of {@code n / 8} bytes. */
  private static void bitRows(byte[] in, int io, int n, byte[] out, int oo) {
    final int m = n >>> 3;
    final int m8 = m & ~7;
    final int o0 = oo;
    final int o1 = o0 + m;
    final int o2 = o1 + m;
    final int o3 = o2 + m;
    final int o4 = o3 + m;
    final int o5 = o4 + m;
    final int o6 = o5 + m;
    final int o7 = o6 + m;
    for (int g = 0; g < m8; g += 8) {
      int p = io + 8 * g;
      long r0 = transposeBits((long) LONG.get(in, p));
      long r1 = transposeBits((long) LONG.get(in, p + 8));
      long r2 = transposeBits((long) LONG.get(in, p + 16));
      long r3 = transposeBits((long) LONG.get(in, p + 24));
      long r4 = transposeBits((long) LONG.get(in, p + 32));
      long r5 = transposeBits((long) LONG.get(in, p + 40));
      long r6 = transposeBits((long) LONG.get(in, p + 48));
      long r7 = transposeBits((long) LONG.get(in, p + 56));
      long t;
      t = ((r0 >>> 32) ^ r4) & M32; r0 ^= t << 32; r4 ^= t;
      t = ((r1 >>> 32) ^ r5) & M32; r1 ^= t << 32; r5 ^= t;
      t = ((r2 >>> 32) ^ r6) & M32; r2 ^= t << 32; r6 ^= t;
      t = ((r3 >>> 32) ^ r7) & M32; r3 ^= t << 32; r7 ^= t;
      t = ((r0 >>> 16) ^ r2) & M16; r0 ^= t << 16; r2 ^= t;
      t = ((r1 >>> 16) ^ r3) & M16; r1 ^= t << 16; r3 ^= t;
      t = ((r4 >>> 16) ^ r6) & M16; r4 ^= t << 16; r6 ^= t;
      t = ((r5 >>> 16) ^ r7) & M16; r5 ^= t << 16; r7 ^= t;
      t = ((r0 >>> 8) ^ r1) & M8; r0 ^= t << 8; r1 ^= t;
      t = ((r2 >>> 8) ^ r3) & M8; r2 ^= t << 8; r3 ^= t;
      t = ((r4 >>> 8) ^ r5) & M8; r4 ^= t << 8; r5 ^= t;
      t = ((r6 >>> 8) ^ r7) & M8; r6 ^= t << 8; r7 ^= t;
      LONG.set(out, o0 + g, r0);
      LONG.set(out, o1 + g, r1);
      LONG.set(out, o2 + g, r2);
      LONG.set(out, o3 + g, r3);
      LONG.set(out, o4 + g, r4);
      LONG.set(out, o5 + g, r5);
      LONG.set(out, o6 + g, r6);
      LONG.set(out, o7 + g, r7);
    }
    for (int g = m8; g < m; g++) {
      long x = transposeBits((long) LONG.get(in, io + 8 * g));
      for (int b = 0; b < 8; b++) {
        out[oo + b * m + g] = (byte) (x >>> (8 * b));
      }
    }
  }

  /** Undoes {@link #bitRows}. */
  private static void bitUnrows(byte[] in, int io, int n, byte[] out, int oo) {
    final int m = n >>> 3;
    final int m8 = m & ~7;
    final int i0 = io;
    final int i1 = i0 + m;
    final int i2 = i1 + m;
    final int i3 = i2 + m;
    final int i4 = i3 + m;
    final int i5 = i4 + m;
    final int i6 = i5 + m;
    final int i7 = i6 + m;
    for (int g = 0; g < m8; g += 8) {
      long r0 = (long) LONG.get(in, i0 + g);
      long r1 = (long) LONG.get(in, i1 + g);
      long r2 = (long) LONG.get(in, i2 + g);
      long r3 = (long) LONG.get(in, i3 + g);
      long r4 = (long) LONG.get(in, i4 + g);
      long r5 = (long) LONG.get(in, i5 + g);
      long r6 = (long) LONG.get(in, i6 + g);
      long r7 = (long) LONG.get(in, i7 + g);
      long t;
      t = ((r0 >>> 32) ^ r4) & M32; r0 ^= t << 32; r4 ^= t;
      t = ((r1 >>> 32) ^ r5) & M32; r1 ^= t << 32; r5 ^= t;
      t = ((r2 >>> 32) ^ r6) & M32; r2 ^= t << 32; r6 ^= t;
      t = ((r3 >>> 32) ^ r7) & M32; r3 ^= t << 32; r7 ^= t;
      t = ((r0 >>> 16) ^ r2) & M16; r0 ^= t << 16; r2 ^= t;
      t = ((r1 >>> 16) ^ r3) & M16; r1 ^= t << 16; r3 ^= t;
      t = ((r4 >>> 16) ^ r6) & M16; r4 ^= t << 16; r6 ^= t;
      t = ((r5 >>> 16) ^ r7) & M16; r5 ^= t << 16; r7 ^= t;
      t = ((r0 >>> 8) ^ r1) & M8; r0 ^= t << 8; r1 ^= t;
      t = ((r2 >>> 8) ^ r3) & M8; r2 ^= t << 8; r3 ^= t;
      t = ((r4 >>> 8) ^ r5) & M8; r4 ^= t << 8; r5 ^= t;
      t = ((r6 >>> 8) ^ r7) & M8; r6 ^= t << 8; r7 ^= t;
      int p = oo + 8 * g;
      LONG.set(out, p, transposeBits(r0));
      LONG.set(out, p + 8, transposeBits(r1));
      LONG.set(out, p + 16, transposeBits(r2));
      LONG.set(out, p + 24, transposeBits(r3));
      LONG.set(out, p + 32, transposeBits(r4));
      LONG.set(out, p + 40, transposeBits(r5));
      LONG.set(out, p + 48, transposeBits(r6));
      LONG.set(out, p + 56, transposeBits(r7));
    }
    for (int g = m8; g < m; g++) {
      long x = 0;
      for (int b = 0; b < 8; b++) {
        x |= (in[io + b * m + g] & 0xFFL) << (8 * b);
      }
      LONG.set(out, oo + 8 * g, transposeBits(x));
    }
  }
}
