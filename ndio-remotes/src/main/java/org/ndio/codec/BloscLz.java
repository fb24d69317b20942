package org.ndio.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * blosclz, c-blosc's own LZ77 format (codec 0 of a frame), written here from the format.
 *
 * <p>A stream is a series of instructions, the first always a literal run (its control byte
 * carries a marker in bit 5, which readers mask off) and the last a literal run too, because
 * c-blosc's reader stops before copying a match that ends the input. Control byte {@code c}:
 * <ul>
 *   <li>{@code c < 32}: {@code c + 1} literal bytes follow.
 *   <li>otherwise a match of {@code (c >> 5) + 2} bytes when {@code c >> 5} is below 7, or, when
 *       it is 7, {@code 9} plus the following bytes summed up to and including the first one
 *       below 255. Then a byte {@code b}: the distance back is {@code ((c & 31) << 8) + b + 1}
 *       (at most 8191), unless {@code c & 31 == 31} and {@code b == 255}, in which case two
 *       big-endian bytes {@code f} follow and the distance is {@code f + 8192}. Distance 1 is a
 *       run of the previous byte; overlapping copies repeat the pattern.
 * </ul>
 *
 * <p>The encoder is a greedy hash-chain-free LZ77 (one candidate per 4-byte hash, as fast LZ
 * coders do) that, like c-blosc, first estimates the ratio on a sample and gives up early on
 * data that would not reach the level's minimum ratio, so noise costs little time.
 */
final class BloscLz {

  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final int MAX_LITERALS = 32;
  private static final int MAX_NEAR = 8191;
  private static final int MAX_FAR = 65535 + 8192;
  /** Shorter matches save too little and slow decoding down, so they stay literals. */
  private static final int MIN_MATCH = 5;
  /** A far match costs 4 bytes or more, so shorter ones are left as literals. */
  private static final int MIN_FAR_MATCH = 8;
  private static final int HASH_MUL = 0x9E3779B1;
  private static final int PROBE_BYTES = 4096;
  private static final int PROBE_HASH_LOG = 12;

  /** Ratio a sample must reach for a level to try compressing (low levels give up sooner). */
  private static final double[] MIN_RATIO = {0, 2.0, 1.5, 1.2, 1.2, 1.2, 1.2, 1.15, 1.1, 1.0};
  private static final int[] HASH_LOG = {0, 12, 13, 14, 14, 14, 14, 14, 14, 14};

  private final int clevel;
  private final int hashLog;
  /** Literal bytes per extra step of the search (LZ4's trick: skim data that has no repeats). */
  private final int skipShift;
  private final int[] table;
  private final int[] probeTable = new int[1 << PROBE_HASH_LOG];
  /*
   * Table entries are stamped with a running base instead of being cleared for each stream:
   * an entry below the current base belongs to an earlier stream and counts as empty.
   */
  private int base;
  private int probeBase;

  BloscLz(int clevel) {
    this.clevel = Math.max(1, Math.min(9, clevel));
    this.hashLog = HASH_LOG[this.clevel];
    this.skipShift = this.clevel >= 9 ? 31 : this.clevel >= 6 ? 6 : 5;
    this.table = new int[1 << hashLog];
  }

  /**
   * Decompresses {@code in[ip, ip + len)} into {@code out[op0, op0 + maxOut)}; returns the
   * number of bytes written, or -1 where c-blosc's reader would fail.
   */
  static int decompress(byte[] in, int ip, int len, byte[] out, int op0, int maxOut) {
    if (len <= 0) {
      return len == 0 ? 0 : -1;
    }
    final int ipLimit = ip + len;
    final int opLimit = op0 + maxOut;
    int op = op0;
    int ctrl = in[ip++] & 31;
    while (true) {
      if (ctrl >= 32) {
        int mlen = (ctrl >>> 5) - 1;
        int ofs = (ctrl & 31) << 8;
        int code;
        if (mlen == 6) {
          do {
            if (ip + 1 >= ipLimit) {
              return -1;
            }
            code = in[ip++] & 0xFF;
            mlen += code;
            if (mlen > maxOut) {
              return -1;
            }
          } while (code == 255);
        } else if (ip + 1 >= ipLimit) {
          return -1;
        }
        code = in[ip++] & 0xFF;
        mlen += 3;
        int dist = ofs + code + 1;
        if (code == 255 && ofs == (31 << 8)) {
          if (ip + 1 >= ipLimit) {
            return -1;
          }
          dist = (((in[ip] & 0xFF) << 8) | (in[ip + 1] & 0xFF)) + MAX_NEAR + 1;
          ip += 2;
        }
        if (mlen > opLimit - op || dist > op - op0) {
          return -1;
        }
        if (ip >= ipLimit) {
          break; // c-blosc never copies a match that ends the stream
        }
        ctrl = in[ip++] & 0xFF;
        int from = op - dist;
        if (dist >= 8 && mlen <= 64 && opLimit - op >= mlen + 8) {
          // 8 bytes at a time; the few written past the match are rewritten after it
          for (int k = 0; k < mlen; k += 8) {
            LONG.set(out, op + k, (long) LONG.get(out, from + k));
          }
        } else if (mlen <= 16) {
          for (int k = 0; k < mlen; k++) {
            out[op + k] = out[from + k];
          }
        } else if (dist == 1) {
          Arrays.fill(out, op, op + mlen, out[from]);
        } else if (dist >= mlen) {
          System.arraycopy(out, from, out, op, mlen);
        } else {
          // the pattern of period dist doubles with every copy
          int o = op;
          int left = mlen;
          while (left > 0) {
            int c = Math.min(o - from, left);
            System.arraycopy(out, from, out, o, c);
            o += c;
            left -= c;
          }
        }
        op += mlen;
      } else {
        int run = ctrl + 1;
        if (run > opLimit - op || run > ipLimit - ip) {
          return -1;
        }
        if (run <= 8 && opLimit - op >= 8 && ipLimit - ip >= 8) {
          LONG.set(out, op, (long) LONG.get(in, ip));
        } else {
          System.arraycopy(in, ip, out, op, run);
        }
        op += run;
        ip += run;
        if (ip >= ipLimit) {
          break;
        }
        ctrl = in[ip++] & 0xFF;
      }
    }
    return op - op0;
  }

  /**
   * Compresses {@code src[s, s + len)} into {@code dst} at {@code d}; returns the size, or 0
   * when it would take more than {@code maxOut} bytes or the sample says it is not worth it.
   */
  int compress(byte[] src, int s, int len, byte[] dst, int d, int maxOut) {
    if (len < 16 || maxOut < 66) {
      return 0;
    }
    double ratio = sampleRatio(src, s, len);
    if (ratio < MIN_RATIO[clevel]) {
      return 0;
    }
    /*
     * On very redundant data (label planes), ending each match one byte early lets the next
     * search start from a 4-byte context that spans the boundary, which finds the long copy
     * from the previous row where a context inside the new run would only find the run.
     */
    final int backOff = ratio >= 4 ? 1 : 0;
    final int minMatch = MIN_MATCH + backOff;
    if (base > Integer.MAX_VALUE - len - 2) {
      Arrays.fill(table, 0);
      base = 0;
    }
    final int stamp = base;
    base += len + 1;
    final int shift = 32 - hashLog;
    final int end = s + len;
    final int ipLimit = end - 12;
    final int matchLimit = end - 1; // keeps a literal last
    final int opLimit = d + maxOut;
    int op = d;
    int anchor = s;
    int ip = s + 1;
    while (ip < ipLimit) {
      int seq = (int) INT.get(src, ip);
      int h = (seq * HASH_MUL) >>> shift;
      int cand = table[h] - stamp - 1;
      table[h] = stamp + (ip - s) + 1;
      int ref = s + cand;
      int dist = ip - ref;
      if (cand < 0 || dist > MAX_FAR || (int) INT.get(src, ref) != seq) {
        ip += 1 + ((ip - anchor) >>> skipShift);
        continue;
      }
      int m = 4 + matchLength(src, ref + 4, ip + 4, matchLimit);
      if (m < minMatch || (dist > MAX_NEAR && m < MIN_FAR_MATCH)) {
        ip++;
        continue;
      }
      m -= backOff;
      op = literals(src, anchor, ip - anchor, dst, op, opLimit);
      if (op < 0) {
        return 0;
      }
      op = match(m, dist, dst, op, opLimit);
      if (op < 0) {
        return 0;
      }
      ip += m;
      anchor = ip;
      if (ip < ipLimit) {
        int p = ip - 2;
        table[((int) INT.get(src, p) * HASH_MUL) >>> shift] = stamp + (p - s) + 1;
        if (clevel >= 7) {
          p++;
          table[((int) INT.get(src, p) * HASH_MUL) >>> shift] = stamp + (p - s) + 1;
        }
      }
    }
    op = literals(src, anchor, end - anchor, dst, op, opLimit);
    if (op < 0) {
      return 0;
    }
    dst[d] |= 0x20;
    return op - d;
  }

  /** Writes literal runs; returns the new output position, or -1 if they do not fit. */
  private static int literals(byte[] src, int from, int n, byte[] dst, int op, int opLimit) {
    int runs = (n + MAX_LITERALS - 1) / MAX_LITERALS;
    if (n + runs > opLimit - op) {
      return -1;
    }
    while (n > 0) {
      int run = Math.min(n, MAX_LITERALS);
      dst[op++] = (byte) (run - 1);
      System.arraycopy(src, from, dst, op, run);
      op += run;
      from += run;
      n -= run;
    }
    return op;
  }

  /** Writes one match; returns the new output position, or -1 if it does not fit. */
  private static int match(int m, int dist, byte[] dst, int op, int opLimit) {
    int f = m - 2;
    int extra = f >= 7 ? (f - 7) / 255 + 1 : 0;
    boolean near = dist <= MAX_NEAR;
    if ((near ? 2 : 4) + extra > opLimit - op) {
      return -1;
    }
    int hi;
    int lo;
    if (near) {
      hi = (dist - 1) >>> 8;
      lo = (dist - 1) & 255;
    } else {
      hi = 31;
      lo = 255;
    }
    dst[op++] = (byte) ((Math.min(f, 7) << 5) + hi);
    if (f >= 7) {
      for (f -= 7; f >= 255; f -= 255) {
        dst[op++] = (byte) 255;
      }
      dst[op++] = (byte) f;
    }
    dst[op++] = (byte) lo;
    if (!near) {
      int far = dist - MAX_NEAR - 1;
      dst[op++] = (byte) (far >>> 8);
      dst[op++] = (byte) far;
    }
    return op;
  }

  /** Number of equal bytes at {@code a} and {@code b} ({@code a < b}), stopping at limit. */
  private static int matchLength(byte[] src, int a, int b, int limit) {
    int start = b;
    while (b <= limit - 8) {
      long x = (long) LONG.get(src, a) ^ (long) LONG.get(src, b);
      if (x != 0) {
        return b - start + (Long.numberOfTrailingZeros(x) >>> 3);
      }
      a += 8;
      b += 8;
    }
    while (b < limit && src[a] == src[b]) {
      a++;
      b++;
    }
    return b - start;
  }

  /**
   * The ratio this encoder would reach on a sample of {@code src[s, s + len)}: up to 4 KiB
   * from its last quarter, a cheap pass that lets encoders skip data not worth compressing.
   * Returns 1 for streams too short to judge.
   */
  private double sampleRatio(byte[] src, int s, int len) {
    int sample = Math.min(len / 4, PROBE_BYTES);
    return sample < 32 ? 1 : estimateRatio(src, s + len - sample, sample);
  }

  /**
   * Like {@link #sampleRatio}, from four 1 KiB windows spread over the stream, for encoders
   * that must judge the whole stream rather than guess from its end (bit-shuffled streams
   * are bit planes one after the other, each with its own ratio).
   */
  double spreadRatio(byte[] src, int s, int len) {
    int window = Math.min(len / 8, PROBE_BYTES / 4);
    if (window < 32) {
      return 1;
    }
    double in = 0;
    double out = 0;
    for (int w = 0; w < 4; w++) {
      int at = s + (int) ((long) len * (2 * w + 1) / 8);
      in += window;
      out += window / estimateRatio(src, at, window);
    }
    return in / out;
  }

  private double estimateRatio(byte[] src, int s, int len) {
    if (probeBase > Integer.MAX_VALUE - len - 2) {
      Arrays.fill(probeTable, 0);
      probeBase = 0;
    }
    final int stamp = probeBase;
    probeBase += len + 1;
    final int shift = 32 - PROBE_HASH_LOG;
    final int ipLimit = s + len - 12;
    final int matchLimit = s + len - 1;
    int out = 1;
    int anchor = s;
    int ip = s + 1;
    while (ip < ipLimit) {
      int seq = (int) INT.get(src, ip);
      int h = (seq * HASH_MUL) >>> shift;
      int cand = probeTable[h] - stamp - 1;
      probeTable[h] = stamp + (ip - s) + 1;
      int ref = s + cand;
      int dist = ip - ref;
      if (cand < 0 || dist > MAX_FAR || (int) INT.get(src, ref) != seq) {
        ip += 1 + ((ip - anchor) >>> skipShift);
        continue;
      }
      int m = 4 + matchLength(src, ref + 4, ip + 4, matchLimit);
      if (m < MIN_MATCH) {
        ip++;
        continue;
      }
      int lit = ip - anchor;
      out += lit + (lit + MAX_LITERALS - 1) / MAX_LITERALS;
      out += (dist <= MAX_NEAR ? 2 : 4) + (m >= 9 ? (m - 9) / 255 + 1 : 0);
      ip += m;
      anchor = ip;
    }
    int lit = s + len - anchor;
    out += lit + (lit + MAX_LITERALS - 1) / MAX_LITERALS;
    return (double) len / out;
  }
}
