package org.ndio.fuzz;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded damage to a valid input: bit flips, byte and integer overwrites (zero, all ones, the
 * signed limits, huge sizes), truncation, extension, duplicated and deleted sections, random
 * bytes, and stacks of those. Offsets lean to the first bytes, where headers and their sizes
 * are. The same seed gives the same mutants, so a failure names a reproducible case.
 */
final class Mutator {

  private static final int[] INTS = {0, -1, 1, 0x7fffffff, 0x80000000, 0x7ffffff0, 0xffff,
      0x10000, 0x40000000, 255, 256, 16, -16};
  private static final long[] LONGS = {0, -1, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 32,
      (1L << 31) - 1, 1L << 40, 0xffffffffL};

  private final SplittableRandom random;

  Mutator(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** One mutant of {@code valid}, with a short description of what was done. */
  Mutant next(byte[] valid) {
    int kind = random.nextInt(10);
    if (kind == 9) {
      byte[] b = valid;
      StringBuilder what = new StringBuilder("stack[");
      int n = 2 + random.nextInt(3);
      for (int i = 0; i < n; i++) {
        Mutant m = one(b, random.nextInt(9));
        b = m.bytes();
        what.append(i == 0 ? "" : ", ").append(m.what());
      }
      return new Mutant(b, what.append(']').toString());
    }
    return one(valid, kind);
  }

  private Mutant one(byte[] v, int kind) {
    byte[] b = v.clone();
    switch (kind) {
      case 0 -> {
        int flips = 1 + random.nextInt(4);
        StringBuilder at = new StringBuilder();
        for (int i = 0; i < flips && b.length > 0; i++) {
          int o = offset(b.length);
          int bit = random.nextInt(8);
          b[o] ^= (byte) (1 << bit);
          at.append(i == 0 ? "" : ",").append(o).append('.').append(bit);
        }
        return new Mutant(b, "flip " + at);
      }
      case 1 -> {
        if (b.length == 0) {
          return new Mutant(b, "empty");
        }
        int o = offset(b.length);
        int[] values = {0, 0xff, 0x7f, 0x80, 1, random.nextInt(256)};
        int x = values[random.nextInt(values.length)];
        b[o] = (byte) x;
        return new Mutant(b, "byte " + o + "=" + x);
      }
      case 2 -> {
        if (b.length < 4) {
          return new Mutant(b, "short");
        }
        int o = Math.min(offset(b.length), b.length - 4);
        int x = random.nextInt(4) == 0 ? random.nextInt() : INTS[random.nextInt(INTS.length)];
        boolean big = random.nextBoolean();
        for (int i = 0; i < 4; i++) {
          b[o + i] = (byte) (x >>> (8 * (big ? 3 - i : i)));
        }
        return new Mutant(b, "int32" + (big ? "be " : "le ") + o + "=" + x);
      }
      case 3 -> {
        if (b.length < 8) {
          return new Mutant(b, "short");
        }
        int o = Math.min(offset(b.length), b.length - 8);
        long x = LONGS[random.nextInt(LONGS.length)];
        for (int i = 0; i < 8; i++) {
          b[o + i] = (byte) (x >>> (8 * i));
        }
        return new Mutant(b, "int64 " + o + "=" + x);
      }
      case 4 -> {
        int n = b.length == 0 ? 0 : offset(b.length);
        return new Mutant(Arrays.copyOf(b, n), "truncate " + n);
      }
      case 5 -> {
        int extra = 1 + random.nextInt(random.nextBoolean() ? 16 : 4096);
        byte[] out = Arrays.copyOf(b, b.length + extra);
        for (int i = b.length; i < out.length; i++) {
          out[i] = (byte) random.nextInt(256);
        }
        return new Mutant(out, "extend " + extra);
      }
      case 6 -> {
        if (b.length == 0) {
          return new Mutant(b, "empty");
        }
        int from = offset(b.length);
        int len = 1 + random.nextInt(Math.min(512, b.length - from));
        int at = random.nextInt(b.length + 1);
        byte[] out = new byte[b.length + len];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(b, from, out, at, len);
        System.arraycopy(b, at, out, at + len, b.length - at);
        return new Mutant(out, "duplicate " + from + "+" + len + "@" + at);
      }
      case 7 -> {
        if (b.length == 0) {
          return new Mutant(b, "empty");
        }
        int from = offset(b.length);
        int len = 1 + random.nextInt(Math.min(256, b.length - from));
        byte[] out = new byte[b.length - len];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(b, from + len, out, from, b.length - from - len);
        return new Mutant(out, "delete " + from + "+" + len);
      }
      default -> {
        byte[] out = new byte[random.nextInt(300)];
        random.nextBytes(out);
        // Keep the first bytes sometimes, so the magic passes and deeper code is reached.
        int keep = random.nextBoolean() ? Math.min(out.length, Math.min(v.length, 16)) : 0;
        System.arraycopy(v, 0, out, 0, keep);
        return new Mutant(out, "random " + out.length + " keeping " + keep);
      }
    }
  }

  /** An offset in {@code [0, length)}, in the first 512 bytes two times in three. */
  private int offset(int length) {
    if (length <= 512 || random.nextInt(3) > 0) {
      return random.nextInt(Math.min(length, 512));
    }
    return random.nextInt(length);
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  /** A damaged input and how it was made. */
  record Mutant(byte[] bytes, String what) {}
}
