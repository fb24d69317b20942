package org.ndio.serve.neurodata;

import java.math.BigInteger;
import java.util.Arrays;
import org.ndio.volume.DataType;
import org.ndio.volume.Size3;
import org.ndio.volume.Volume;

/**
 * One level of propagation: each voxel of the new level summarises its block of {@code factor}
 * voxels of the level above, clipped where that level ends. Images take the block's mean
 * (integers rounded half up); annotations the block's most frequent non-zero label (ties to the
 * smaller label, 0 only where the block holds no label). ndstore resized image slices with PIL
 * and picked labels with its own 2x2 rule, so its lower levels differ from these in detail;
 * the shape of the result (sizes, offsets, factors) is ndstore's.
 */
final class Downsample {

  private Downsample() {}

  /**
   * Level-{@code r} voxels for the box of {@code out} size whose lowest corner maps to {@code
   * src}'s (0, 0, 0); {@code src} holds the matching blocks, clipped to the level above.
   */
  static Volume level(Volume src, Size3 factor, int outX, int outY, int outZ,
      boolean annotation) {
    Volume out = Volume.allocate(src.dtype(), outX, outY, outZ);
    int fx = (int) factor.x();
    int fy = (int) factor.y();
    int fz = (int) factor.z();
    long[] block = new long[fx * fy * fz];
    for (int z = 0; z < outZ; z++) {
      for (int y = 0; y < outY; y++) {
        for (int x = 0; x < outX; x++) {
          int n = 0;
          double fsum = 0;
          for (int k = z * fz; k < Math.min(src.sizeZ(), (z + 1) * fz); k++) {
            for (int j = y * fy; j < Math.min(src.sizeY(), (y + 1) * fy); j++) {
              for (int i = x * fx; i < Math.min(src.sizeX(), (x + 1) * fx); i++) {
                if (src.dtype().isFloat()) {
                  fsum += src.getDouble(i, j, k);
                } else {
                  block[n] = src.getLong(i, j, k);
                }
                n++;
              }
            }
          }
          if (n == 0) {
            continue;
          }
          if (src.dtype().isFloat()) {
            out.setDouble(x, y, z, fsum / n);
          } else if (annotation) {
            out.setLong(x, y, z, mode(block, n));
          } else {
            out.setLong(x, y, z, mean(block, n, src.dtype()));
          }
        }
      }
    }
    return out;
  }

  /** Most frequent non-zero value (unsigned), ties to the smaller; 0 if all are 0. */
  static long mode(long[] values, int n) {
    long[] v = Arrays.copyOf(values, n);
    Arrays.sort(v);
    long best = 0;
    int bestCount = 0;
    int i = 0;
    // Sorted signed; compare counts, and break ties by unsigned order.
    while (i < n) {
      int j = i;
      while (j < n && v[j] == v[i]) {
        j++;
      }
      int count = j - i;
      if (v[i] != 0 && (count > bestCount
          || count == bestCount && Long.compareUnsigned(v[i], best) < 0)) {
        best = v[i];
        bestCount = count;
      }
      i = j;
    }
    return best;
  }

  /** Mean rounded half up, in the type's own (signed or unsigned) arithmetic. */
  static long mean(long[] values, int n, DataType t) {
    if (t.bytes() < 8) {
      long sum = 0;
      for (int i = 0; i < n; i++) {
        sum += values[i];
      }
      return Math.floorDiv(2 * sum + n, 2L * n);
    }
    BigInteger sum = BigInteger.ZERO;
    for (int i = 0; i < n; i++) {
      BigInteger v = BigInteger.valueOf(values[i]);
      if (!t.isSigned() && values[i] < 0) {
        v = v.add(BigInteger.ONE.shiftLeft(64));
      }
      sum = sum.add(v);
    }
    BigInteger twice = sum.shiftLeft(1).add(BigInteger.valueOf(n));
    BigInteger[] qr = twice.divideAndRemainder(BigInteger.valueOf(2L * n));
    BigInteger q = qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    return q.longValue();
  }
}
